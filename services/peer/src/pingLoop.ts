// Every interval, ping every peer at once; one log line per answer, a warning per failure. One round at a time:
// the next round is scheduled only when the current one ended, by the clock (see nextTick.ts). A new config
// starts a round at once (after the running one) and re-anchors the schedule, so reloads take effect quickly.
import type { Logger } from '@podmesh/runtime';
import { nextTick } from './nextTick.ts';
import type { PeerConfig } from './peerConfig.ts';
import type { PeerMetrics } from './peerMetrics.ts';
import type { PingResult } from './pingPeer.ts';

export interface PingLoopOptions {
  log: Logger;
  metrics: PeerMetrics;
  ping: (peer: string, timeoutMs: number) => Promise<PingResult>;
}

export function createPingLoop({ log, metrics, ping }: PingLoopOptions) {
  let config: PeerConfig | undefined;
  let anchor = 0;
  let tick = 0;
  let round = 0;
  let running = false;
  let restartRequested = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  function report(result: PingResult): void {
    metrics.pings.inc({ result: result.ok ? 'ok' : result.timedOut ? 'timeout' : 'error' });
    const latency_ms = Math.round(result.latencyMs);
    if (result.ok) {
      metrics.pingDuration.observe(result.latencyMs / 1000);
      log.info({ peer: result.peer, responder: result.responder, latency_ms }, 'pong');
    } else {
      log.warn({ peer: result.peer, error: result.reason, latency_ms }, 'ping failed');
    }
  }

  async function runRound(scheduledAt: number): Promise<void> {
    if (!config) return;
    running = true;
    const { peers, timeoutMs } = config;
    const startedAt = performance.now();
    const results = await Promise.all(
      peers.map(async (peer) => {
        // A ping reports failures as results; anything thrown is a bug, still never a stuck or crashed loop.
        const result = await ping(peer, timeoutMs).catch(
          (error: unknown): PingResult => ({
            ok: false,
            peer,
            reason: String(error),
            timedOut: false,
            latencyMs: 0,
          }),
        );
        report(result);
        return result;
      }),
    );
    round++;
    log.debug(
      {
        round,
        peers: peers.length,
        ok: results.filter((result) => result.ok).length,
        lag_ms: Math.round(startedAt - scheduledAt),
        started_ms: Math.round(performance.timeOrigin + startedAt),
        duration_ms: Math.round(performance.now() - startedAt),
      },
      'ping round',
    );
    running = false;
    if (restartRequested) {
      restartRequested = false;
      restart();
    } else {
      scheduleNext();
    }
  }

  function scheduleNext(): void {
    if (!config || stopped) return;
    const next = nextTick(anchor, config.intervalMs, performance.now(), tick);
    if (next.missed > 0) {
      metrics.skippedRounds.inc(next.missed);
      log.warn({ missed: next.missed }, 'a ping round outlasted the interval; skipped the missed rounds');
    }
    tick = next.index;
    timer = setTimeout(() => void runRound(next.at), Math.max(0, next.at - performance.now()));
  }

  function restart(): void {
    clearTimeout(timer);
    if (!config || stopped) return;
    anchor = performance.now();
    tick = 0;
    void runRound(anchor);
  }

  return {
    /** Applies a new config: a round with the new peers starts at once (or right after the running one). */
    update(next: PeerConfig): void {
      config = next;
      if (running) restartRequested = true;
      else restart();
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
    get rounds(): number {
      return round;
    },
  };
}

export type PingLoop = ReturnType<typeof createPingLoop>;
