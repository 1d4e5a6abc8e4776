// A container's stdout is a pipe that containerd drains into the pod's log file. When containerd falls behind
// (a loaded node), the pipe fills, and a service that logs synchronously blocks its event loop on the next log
// line: requests hang although nothing else is wrong. That was the rollout flake (docs/testing.md); the runtime
// now writes logs asynchronously. Here containerd is paused (SIGSTOP) under a steady load long enough for the
// pipes to fill: no request may fail, and the lines logged meanwhile must arrive once it resumes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { readNodeState } from '../cluster/node/nodeState.ts';
import { kubectl, requireEnvironment } from './support/environment.ts';
import { percentile, startLoad } from './support/load.ts';
import { podsOf } from './support/pods.ts';
import { clusterUrl } from './support/services.ts';

// Outside `npm run e2e` this file fails, saying how to run it (a skip would pass with 0 tests).
requireEnvironment();

const stallMs = 25_000;
/** A container pipe (64 KiB) + the shim's copy buffer (32 KiB) + the log FIFO (64 KiB), with a margin. */
const pipeCapacityBytes = 192 * 1024;

function containerdPid(): number {
  const state = readNodeState(process.env.PODMESH_CLUSTER_DIR ?? '');
  const pid = state?.processes.find((p) => p.name === 'containerd')?.pid;
  if (!pid) throw new Error('containerd is not in the node state');
  return pid;
}

/** Bytes of the lines a pod logged before `resumedAt` that reached its log file only after it (held back). */
async function heldBackBytes(pod: string, stalledAt: Date, resumedAt: number): Promise<number> {
  const text = await kubectl(['logs', pod, '--timestamps', `--since-time=${stalledAt.toISOString()}`]);
  let bytes = 0;
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    const json = line.slice(space + 1);
    if (!json.startsWith('{')) continue;
    const readAt = Date.parse(line.slice(0, space));
    const loggedAt = Date.parse((JSON.parse(json) as { time: string }).time);
    if (loggedAt < resumedAt - 500 && readAt >= resumedAt) bytes += json.length + 1;
  }
  return bytes;
}

describe('a stalled log reader', () => {
  it('does not stall countries or users: zero failed requests while containerd is paused', async () => {
    const url = await clusterUrl('countries');
    const pid = containerdPid();
    const load = startLoad((i) => `${url}/countries?user_id=${(i % 5000) + 1}`, {
      concurrency: 4,
      maxMs: 120_000,
    });
    await sleep(2_000);
    const stalledAt = new Date();
    process.kill(pid, 'SIGSTOP');
    let resumedAt: number;
    try {
      await sleep(stallMs);
    } finally {
      process.kill(pid, 'SIGCONT'); // whatever happens, the node must get its runtime back
      resumedAt = Date.now();
    }
    await sleep(3_000);
    const result = await load.stop();
    const pods = [...(await podsOf('countries')), ...(await podsOf('users'))].map(
      (pod) => pod.metadata?.name as string,
    );
    const held = await Promise.all(pods.map((pod) => heldBackBytes(pod, stalledAt, resumedAt)));
    console.log(
      `[e2e] containerd paused ${stallMs / 1000} s: ${result.requests} requests, ${result.failures.length} failed, ` +
        `p99 ${percentile(result.latenciesMs, 99).toFixed(1)} ms; log bytes held back per pod: ${held.join(', ')}`,
    );
    assert.ok(
      Math.max(...held) > pipeCapacityBytes,
      `the stall outlasted the pipes: some pod held back more than ${pipeCapacityBytes} bytes of logs (${held.join(', ')})`,
    );
    assert.deepEqual(result.failures, []);
  });
});
