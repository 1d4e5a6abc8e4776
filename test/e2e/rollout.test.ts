// Rolling update and rollback of users under a steady load through countries: zero failed requests.
// Then a users pod is deleted and a users container is killed with SIGKILL: restarted, and no request
// fails beyond countries' retry on another replica.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { podWarnings } from './support/diagnostics.ts';
import { kubectl, requireEnvironment } from './support/environment.ts';
import { type LoadResult, percentile, startLoad } from './support/load.ts';
import { podsOf, restartCount, rolloutStatus, waitForReadyPods } from './support/pods.ts';
import { clusterUrl } from './support/services.ts';

// Outside `npm run e2e` this file fails, saying how to run it (a skip would pass with 0 tests).
requireEnvironment();

const exec = promisify(execFile);

function report(name: string, result: LoadResult): void {
  const p99 = percentile(result.latenciesMs, 99).toFixed(1);
  console.log(
    `[e2e] ${name}: ${result.requests} requests, ${result.failures.length} failed, p99 ${p99} ms` +
      (result.failures.length > 0 ? ` (${JSON.stringify(result.failures.slice(0, 5))})` : ''),
  );
}

async function underLoad(name: string, action: () => Promise<void>): Promise<LoadResult> {
  const url = await clusterUrl('countries');
  const started = Date.now();
  const load = startLoad((i) => `${url}/countries?user_id=${(i % 5000) + 1}`, {
    concurrency: 4,
    maxMs: 240_000,
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // load established first
    await action();
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // and after the change settles
  } finally {
    await load.stop();
  }
  const result = await load.done;
  report(name, result);
  if (result.failures.length > 0) {
    const since = (Date.now() - started) / 1000;
    for (const app of ['countries', 'users']) {
      for (const line of await podWarnings(app, since)) console.log(`[e2e] ${app} log: ${line}`);
    }
  }
  return result;
}

async function usersImageRevision(): Promise<string> {
  return kubectl([
    'get',
    'deployment/users',
    '-o',
    'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
  ]);
}

describe('users under load', () => {
  it('rolls out a new users revision with zero failed requests', async () => {
    await waitForReadyPods('users', 2);
    const revision = await usersImageRevision();
    const result = await underLoad('rolling update', async () => {
      await kubectl(['set', 'env', 'deployment/users', 'E2E_ROLLOUT=1']);
      await rolloutStatus('deployment', 'users');
    });
    assert.notEqual(await usersImageRevision(), revision, 'a new revision rolled out');
    assert.ok(result.ok > 50, `steady load ran (${result.ok} ok)`);
    assert.deepEqual(result.failures, []);
  });

  it('rolls back with zero failed requests', async () => {
    const result = await underLoad('rollback', async () => {
      await kubectl(['rollout', 'undo', 'deployment/users']);
      await rolloutStatus('deployment', 'users');
    });
    const env = await kubectl([
      'get',
      'deployment/users',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].env[*].name}',
    ]);
    assert.ok(!env.includes('E2E_ROLLOUT'), 'the previous template is back');
    assert.deepEqual(result.failures, []);
  });

  it('replaces a deleted users pod; no request fails', async () => {
    const [victim] = await waitForReadyPods('users', 2);
    const result = await underLoad('pod deleted', async () => {
      await kubectl(['delete', 'pod', victim?.metadata?.name as string, '--wait=false']);
      await waitFor(
        'users back to 2 ready pods, the victim gone',
        async () => {
          const pods = await waitForReadyPods('users', 2, 5_000).catch(() => undefined);
          return pods?.every((pod) => pod.metadata?.uid !== victim?.metadata?.uid);
        },
        isTrue,
        { timeoutMs: 120_000, intervalMs: 1000 },
      );
    });
    assert.deepEqual(result.failures, []);
  });

  it('restarts a users container killed with SIGKILL; no request fails beyond the retry', async () => {
    const [victim] = await waitForReadyPods('users', 2);
    const containerId = victim?.status?.containerStatuses?.[0]?.containerID?.replace(
      'containerd://',
      '',
    ) as string;
    const ctr = join(process.env.PODMESH_E2E_NODE_BIN as string, 'ctr');
    const base = ['--address', process.env.PODMESH_E2E_CONTAINERD_SOCKET as string, '--namespace', 'k8s.io'];
    const { stdout } = await exec(ctr, [...base, 'tasks', 'list']);
    const pid = Number(
      stdout
        .split('\n')
        .find((line) => line.startsWith(containerId))
        ?.split(/\s+/)[1],
    );
    assert.ok(pid > 0, `the container's process (${containerId}) is running`);
    const restartsBefore = restartCount(victim as never);
    const result = await underLoad('container SIGKILL', async () => {
      process.kill(pid, 'SIGKILL'); // kill -9 of the container's main process, as an OOM kill would
      await waitFor(
        'the killed container restarted and ready',
        async () => {
          const pod = (await podsOf('users')).find((p) => p.metadata?.uid === victim?.metadata?.uid);
          return (
            pod &&
            restartCount(pod) > restartsBefore &&
            pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
          );
        },
        isTrue,
        { timeoutMs: 120_000, intervalMs: 500 },
      );
    });
    // The in-flight call on the killed replica fails over to the other one (countries retries idempotent reads).
    assert.deepEqual(result.failures, []);
  });
});
