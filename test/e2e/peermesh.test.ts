// A PeerMesh of 5 on the real node: pods log pongs from each other (read with `kubectl logs`); scaled to 1 and
// back to 3 the surviving pod never restarts; a new interval applies in every pod without a restart.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { isPresent, waitFor } from '@podmesh/testkit/waitFor';
import { kubectl, kubectlJson, requireEnvironment } from './support/environment.ts';
import { isReady, restartCount } from './support/pods.ts';

// Outside `npm run e2e` this file fails, saying how to run it (a skip would pass with 0 tests).
requireEnvironment();

const mesh = 'e2e-mesh';
/** Set once the first test saw the mesh up; the later ones then fail at once instead of waiting again. */
let meshUp = false;

async function meshPods(): Promise<V1Pod[]> {
  const list = await kubectlJson<{ items: V1Pod[] }>(['get', 'pods', '-l', `podmesh.dev/mesh=${mesh}`]);
  return list.items;
}

async function waitForMeshPods(count: number): Promise<V1Pod[]> {
  return waitFor(
    `${count} ready pods of ${mesh}`,
    async () => {
      const pods = await meshPods();
      return pods.length === count && pods.every((pod) => !pod.metadata?.deletionTimestamp && isReady(pod))
        ? pods
        : undefined;
    },
    isPresent,
    { timeoutMs: 240_000, intervalMs: 1000 },
  );
}

interface LogLine {
  time: string;
  message: string;
  responder?: string;
  interval?: string;
  peers?: number;
}

async function logLines(pod: string, since = '10m'): Promise<LogLine[]> {
  const text = await kubectl(['logs', pod, `--since=${since}`]);
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

const patch = (spec: Record<string, unknown>) =>
  kubectl(['patch', 'peermesh', mesh, '--type=merge', '-p', JSON.stringify({ spec })]);

describe('PeerMesh on the real node', () => {
  after(() =>
    kubectl(['delete', 'peermesh', mesh, '--ignore-not-found', '--wait=false']).then(() => undefined),
  );

  it('5 peers log pongs from each other', async () => {
    await kubectl(
      ['apply', '-f', '-'],
      `apiVersion: podmesh.dev/v1alpha1\nkind: PeerMesh\nmetadata: { name: ${mesh} }\nspec: { replicas: 5, interval: 2s }\n`,
    );
    await waitForMeshPods(5);
    const responders = await waitFor(
      'pongs from at least 4 other peers in mesh-0',
      async () => {
        const seen = new Set(
          (await logLines(`${mesh}-0`)).filter((l) => l.message === 'pong').map((l) => l.responder),
        );
        return seen.size >= 4 ? seen : undefined;
      },
      isPresent,
      { timeoutMs: 60_000, intervalMs: 2000 },
    );
    assert.ok(!responders.has(`${mesh}-0`), 'a peer does not ping itself');
    meshUp = true;
  });

  it('scales to 1 and back to 3; the surviving pod keeps running (restartCount unchanged)', async () => {
    assert.ok(meshUp, 'the mesh of 5 never came up (see the first test)');
    const [first] = (await meshPods()).filter((pod) => pod.metadata?.name === `${mesh}-0`);
    const uid = first?.metadata?.uid;
    const restarts = restartCount(first as V1Pod);
    await patch({ replicas: 1 });
    await waitForMeshPods(1);
    const scaledUp = Date.now();
    await patch({ replicas: 3 });
    const pods = await waitForMeshPods(3);
    const survivor = pods.find((pod) => pod.metadata?.name === `${mesh}-0`);
    assert.equal(survivor?.metadata?.uid, uid, 'the same pod, not a replacement');
    assert.equal(restartCount(survivor as V1Pod), restarts, 'no container restart');
    // The survivor learns the new members from the ConfigMap the operator rewrote, without a restart.
    const applied = await waitFor(
      `${mesh}-0 applies the 3-member peer set`,
      async () =>
        (await logLines(`${mesh}-0`, '5m')).find(
          (l) =>
            l.message === 'peer config applied' && l.peers === 2 && Date.parse(l.time) >= scaledUp - 1000,
        ),
      isPresent,
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    console.log(
      `[e2e] peer set reload (replicas 1 → 3 patched): ${mesh}-0 applied the new set after ` +
        `${((Date.parse(applied.time) - scaledUp) / 1000).toFixed(1)} s`,
    );
  });

  it('applies a new interval in every pod without a restart, and reports how long it took', async () => {
    assert.ok(meshUp, 'the mesh of 5 never came up (see the first test)');
    const before = await waitForMeshPods(3);
    const restarts = new Map(before.map((pod) => [pod.metadata?.name, restartCount(pod)]));
    const changed = Date.now();
    await patch({ interval: '3s' });
    const seconds: number[] = [];
    for (const pod of before) {
      const name = pod.metadata?.name as string;
      const applied = await waitFor(
        `${name} applies interval 3s`,
        async () =>
          (await logLines(name, '2m')).find(
            (l) =>
              l.message === 'peer config applied' &&
              l.interval === '3s' &&
              Date.parse(l.time) >= changed - 1000,
          ),
        isPresent,
        { timeoutMs: 120_000, intervalMs: 1000 },
      );
      seconds.push((Date.parse(applied.time) - changed) / 1000);
    }
    console.log(
      `[e2e] peer reload after the interval change: ${seconds.map((s) => s.toFixed(1)).join(', ')} s`,
    );
    for (const pod of await waitForMeshPods(3)) {
      assert.equal(
        restartCount(pod),
        restarts.get(pod.metadata?.name),
        `${pod.metadata?.name} not restarted`,
      );
    }
  });
});
