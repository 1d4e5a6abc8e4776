// 50 peers at a 1 s interval, watched from the peers' side: one round per second on the clock (drift within
// 10% of the interval), every peer pinged at once in each round, and never two rounds at the same time.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ServiceProcess, startService, stopAll } from '../../../test/support/processes.ts';
import { createConfigMapVolume } from './configMapVolume.ts';
import { type PongServer, startPongServer } from './pongServers.ts';
import { waitFor } from './waitFor.ts';

const started: ServiceProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await stopAll(started);
  for (const cleanup of cleanups) await cleanup();
});

test('50 peers, 1 s interval: no overlap, no drift beyond 10%', async () => {
  const intervalMs = 1000;
  const rounds = 7;
  // Each answer takes 250 ms of the 500 ms timeout: overlapping rounds would show as two pings in flight.
  const servers: PongServer[] = await Promise.all(
    Array.from({ length: 50 }, (_, i) => startPongServer(`fake-${i}`, 250)),
  );
  cleanups.push(() => Promise.all(servers.map((server) => server.close())).then(() => undefined));
  const volume = await createConfigMapVolume(
    'peers.yaml',
    `interval: 1s\npeers:\n${servers.map((server) => `  - ${server.address}\n`).join('')}`,
  );
  cleanups.push(volume.remove);
  const peer = await startService('peer', {
    env: { PEER_CONFIG_FILE: volume.path, LOG_LEVEL: 'debug', LOG_REQUESTS: 'false' },
  });
  started.push(peer);
  const logged = () => peer.logs.filter((line) => line.message === 'ping round');
  await waitFor(`${rounds} rounds`, () => logged().length >= rounds, 10_000);
  await peer.stop();
  await sleep(50);

  for (const server of servers) assert.equal(server.maxInFlight, 1, `${server.name} had overlapping pings`);
  // Round 0 opens 50 connections in a process that just started: its arrivals measure warm-up, not the
  // schedule, so rounds are compared from round 1 on.
  const starts: number[] = [];
  for (let round = 1; round < rounds; round++) {
    const arrivals = servers.map((server) => server.arrivals[round] as number);
    const first = Math.min(...arrivals);
    const spread = Math.max(...arrivals) - first;
    assert.ok(spread < 0.1 * intervalMs, `round ${round}: the pings were spread over ${spread} ms`);
    starts.push(first);
  }
  for (let round = 1; round < starts.length; round++) {
    const drift = (starts[round] as number) - (starts[0] as number) - round * intervalMs;
    assert.ok(Math.abs(drift) <= 0.1 * intervalMs, `round ${round} drifted ${drift.toFixed(1)} ms`);
  }
  // The first round runs while the process starts (fetch loads, 50 connections open) and may time out
  // on some peers; from then on every round must reach all 50.
  for (const round of logged().slice(1)) {
    assert.equal(round.ok, 50);
    assert.ok(Math.abs(round.lag_ms as number) <= 0.1 * intervalMs, `lag ${round.lag_ms} ms`);
    assert.ok((round.duration_ms as number) < intervalMs, `round took ${round.duration_ms} ms`);
  }
  assert.ok(peer.logs.filter((line) => line.message === 'pong').length >= 50 * (logged().length - 1));
});
