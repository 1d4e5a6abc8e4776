// The peer's metrics, with the names docs/contracts.md fixes, on the runtime's registry.
import type { Metrics } from '@podmesh/runtime';
import { Counter, Gauge, Histogram } from 'prom-client';

export function createPeerMetrics({ registry }: Metrics) {
  return {
    pings: new Counter({
      name: 'peer_pings_total',
      help: 'Pings sent to peers, by result (ok, error, timeout).',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    pingDuration: new Histogram({
      name: 'peer_ping_duration_seconds',
      help: 'Time from sending a ping to reading the pong.',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    configReloads: new Counter({
      name: 'peer_config_reloads_total',
      help: 'Configuration changes seen, by result (applied, rejected).',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    peers: new Gauge({
      name: 'peer_peers',
      help: 'Peers in the configuration in force, this process excluded.',
      registers: [registry],
    }),
    skippedRounds: new Counter({
      name: 'peer_ping_rounds_skipped_total',
      help: 'Scheduled rounds not started because the previous one was still running.',
      registers: [registry],
    }),
  };
}

export type PeerMetrics = ReturnType<typeof createPeerMetrics>;
