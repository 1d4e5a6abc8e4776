// The ping loop in-process with a scripted ping: rounds never overlap, a reload waits for the running round.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, createMetrics } from '@podmesh/runtime';
import { createPeerMetrics } from './peerMetrics.ts';
import { createPingLoop } from './pingLoop.ts';
import type { PingResult } from './pingPeer.ts';

function harness(pingMs: number, failWith?: Error) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const log = createLogger({ service: 'peer', version: 'test', level: 'debug', destination });
  const metrics = createPeerMetrics(createMetrics('peer'));
  const calls: Array<{ peer: string; start: number; end: number }> = [];
  const ping = async (peer: string): Promise<PingResult> => {
    if (failWith) throw failWith;
    const start = performance.now();
    await sleep(pingMs);
    calls.push({ peer, start, end: performance.now() });
    return { ok: true, peer, responder: peer, latencyMs: pingMs };
  };
  return { lines, calls, metrics, loop: createPingLoop({ log, metrics, ping }) };
}

test('a reload during a round waits for it, then starts a round with the new peers at once', async () => {
  const { loop, calls } = harness(150);
  loop.update({ peers: ['a:1', 'b:1'], intervalMs: 1000, timeoutMs: 500 });
  await sleep(50);
  const reloadedAt = performance.now();
  loop.update({ peers: ['c:1'], intervalMs: 1000, timeoutMs: 500 });
  await sleep(400);
  loop.stop();
  assert.deepEqual(
    calls.map((call) => call.peer),
    ['a:1', 'b:1', 'c:1'],
  );
  const newRound = calls[2] as { start: number };
  const lastOld = Math.max(...calls.slice(0, 2).map((call) => call.end));
  assert.ok(newRound.start >= lastOld, 'the new round started before the old one ended');
  assert.ok(
    newRound.start - reloadedAt < 200,
    `the new round started ${newRound.start - reloadedAt} ms after`,
  );
});

test('a ping that throws is reported as a failure and the loop goes on', async () => {
  const { loop, lines } = harness(0, new Error('boom'));
  loop.update({ peers: ['a:1'], intervalMs: 1000, timeoutMs: 500 });
  await sleep(1200);
  loop.stop();
  const failures = lines.filter((line) => line.message === 'ping failed');
  assert.equal(failures.length, 2);
  assert.equal(failures[0]?.error, 'Error: boom');
  assert.equal(loop.rounds, 2);
});

test('rounds follow the clock: one per interval, each started on its tick', async () => {
  const { loop, lines } = harness(20);
  loop.update({ peers: ['a:1'], intervalMs: 1000, timeoutMs: 500 });
  await sleep(3500);
  loop.stop();
  const rounds = lines.filter((line) => line.message === 'ping round');
  assert.equal(rounds.length, 4);
  for (const round of rounds) assert.ok(Math.abs(round.lag_ms as number) <= 100, JSON.stringify(round));
  const starts = rounds.map((round) => round.started_ms as number);
  for (let i = 1; i < starts.length; i++) {
    const gap = (starts[i] as number) - (starts[i - 1] as number);
    assert.ok(Math.abs(gap - 1000) <= 100, `gap ${gap}`);
  }
  assert.equal(lines.filter((line) => line.message === 'pong').length, 4);
});
