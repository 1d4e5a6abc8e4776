// 50 peers at a 1 s interval, watched from the peers' side: one round per second on the clock (drift within
// 10% of the interval), every peer pinged at once in each round, and never two rounds at the same time.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { createConfigMapVolume } from './configMapVolume.ts';
import { type PongServer, startPongServer } from './pongServers.ts';

/** Least-squares slope of values against their index. */
function slope(values: number[]): number {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, y) => sum + y, 0) / n;
  let covariance = 0;
  let variance = 0;
  values.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  });
  return covariance / variance;
}

const started: ServiceProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await stopAll(started);
  for (const cleanup of cleanups) await cleanup();
});

test('50 peers, 1 s interval: no overlap, no drift beyond 10%', async () => {
  const intervalMs = 1000;
  const rounds = 7;
  const answerDelayMs = 250;
  // Each answer takes 250 ms of the 500 ms timeout: overlapping rounds would show as two pings in flight.
  const servers: PongServer[] = await Promise.all(
    Array.from({ length: 50 }, (_, i) => startPongServer(`fake-${i}`, answerDelayMs)),
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
  await waitFor(`${rounds} rounds`, () => logged().length >= rounds, isTrue, {
    timeoutMs: 10_000,
    intervalMs: 10,
  });
  await peer.stop();
  await sleep(50);

  for (const server of servers) assert.equal(server.maxInFlight, 1, `${server.name} had overlapping pings`);
  // Round 0 opens 50 connections in a process that just started: its arrivals measure warm-up, not the
  // schedule, so rounds are compared from round 1 on. A round's time is its median arrival, which one
  // straggling connection cannot move.
  const starts: number[] = [];
  for (let round = 1; round < rounds; round++) {
    const arrivals = servers.map((server) => server.arrivals[round] as number).sort((a, b) => a - b);
    const spread = (arrivals.at(-1) as number) - (arrivals[0] as number);
    // Concurrent: every ping of a round arrives before the first could have been answered.
    assert.ok(spread < answerDelayMs, `round ${round}: the pings were spread over ${spread} ms`);
    starts.push(arrivals[arrivals.length >> 1] as number);
  }
  // Drift is lateness that accumulates (a setTimeout chain adds each round's 250 ms to all later ones);
  // jitter is one late round on a busy machine. Drift over the run: the fitted slope of the offsets from
  // the grid times the rounds; it must stay within 10% of the interval. Jitter must stay below a round.
  const offsets = starts.map((start, k) => start - (starts[0] as number) - k * intervalMs);
  const accumulated = slope(offsets) * (offsets.length - 1);
  assert.ok(
    Math.abs(accumulated) <= 0.1 * intervalMs,
    `drifted ${accumulated.toFixed(1)} ms over ${offsets}`,
  );
  for (const offset of offsets)
    assert.ok(Math.abs(offset) < answerDelayMs, `a round was off by ${offset} ms`);

  // The first round runs while the process starts (50 connections open) and may time out on some peers;
  // from then on every round must reach all 50, start on its tick and end well before the next.
  const rest = logged().slice(1);
  for (const round of rest) {
    assert.equal(round.ok, 50);
    assert.ok(Math.abs(round.lag_ms as number) < answerDelayMs, `lag ${round.lag_ms} ms`);
    assert.ok((round.duration_ms as number) < intervalMs, `round took ${round.duration_ms} ms`);
  }
  const internal = rest.map(
    (round, k) => (round.started_ms as number) - (rest[0]?.started_ms as number) - k * intervalMs,
  );
  assert.ok(
    Math.abs(slope(internal) * (internal.length - 1)) <= 0.1 * intervalMs,
    `internal drift ${internal}`,
  );
  assert.ok(peer.logs.filter((line) => line.message === 'pong').length >= 50 * (logged().length - 1));
});
