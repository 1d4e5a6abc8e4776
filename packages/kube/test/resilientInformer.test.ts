// The resilient informer against the real API server: bookmarks keep a quiet watch's resourceVersion recent,
// and the restart backoff starts over after a healthy watch (through a proxy the test breaks on purpose).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import type { Logger } from '@podmesh/runtime';
import { startTcpProxy } from '@podmesh/testkit/tcpProxy';
import { isPresent, isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { createTestNamespace, useControlPlane } from '../../../test/cluster/controlPlane.ts';
import { kubeconfigVia } from '../../../test/cluster/kubeconfig.ts';
import { startResilientInformer } from '../src/resilientInformer.ts';

const plane = await useControlPlane();
const core = plane.kubeConfig.makeApiClient(CoreV1Api);

/** Records the informer's warnings (the restart delays it chose), the only thing these tests read from logs. */
function recordingLog() {
  const warnings: Array<Record<string, unknown>> = [];
  const log = { warn: (fields: Record<string, unknown>) => warnings.push(fields), info() {}, debug() {} };
  return { warnings, log: log as unknown as Logger };
}

function configMapInformer(kubeConfig: KubeConfig, namespace: string, log: Logger, labelSelector: string) {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  return startResilientInformer<V1ConfigMap>({
    kubeConfig,
    log,
    path: `/api/v1/namespaces/${namespace}/configmaps`,
    labelSelector,
    list: () => api.listNamespacedConfigMap({ namespace, labelSelector }),
    onEvent: () => {},
  });
}

test('a watch that sees no event still moves to a recent resourceVersion (bookmarks)', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const { log } = recordingLog();
  const informer = configMapInformer(plane.kubeConfig, namespace, log, 'podmesh.dev/none=true');
  t.after(() => informer.stop());
  await informer.whenSynced;
  const listed = Number(informer.informer.latestResourceVersion());
  // Writes this watch does not match: without bookmarks it never hears of their resourceVersions.
  for (let i = 0; i < 3; i++)
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: `c${i}` } } });
  const resumed = await waitFor(
    'a bookmark (the API server sends one before it ends a watch: 8–16 s here)',
    async () => {
      const now = Number(informer.informer.latestResourceVersion());
      return now > listed ? now : undefined;
    },
    isPresent,
    { timeoutMs: 40_000 },
  );
  console.log(`resourceVersion after the list ${listed}, after a bookmark ${resumed}`);
});

test('the restart backoff starts over after a healthy watch', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const target = new URL(plane.kubeConfig.getCurrentCluster()?.server ?? '');
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(target.port) });
  t.after(() => proxy.close());
  const kubeConfig = new KubeConfig();
  const dir = mkdtempSync(join(tmpdir(), 'informer-'));
  kubeConfig.loadFromFile(kubeconfigVia(plane.kubeconfigPath, proxy.port, join(dir, 'kubeconfig')));
  const { warnings, log } = recordingLog();
  const informer = configMapInformer(kubeConfig, namespace, log, 'podmesh.dev/any=true');
  t.after(() => informer.stop());
  await informer.whenSynced;

  // An outage of a few seconds: the delays climb.
  proxy.setMode('refuse');
  await waitFor('the delay to climb to 2 s', async () => warnings.some((w) => w.retryInMs === 2000), isTrue, {
    timeoutMs: 20_000,
    intervalMs: 50,
  });
  proxy.setMode('pass');
  const climbed = warnings.map((w) => w.retryInMs);
  // Healthy again, for longer than a failing watch lasts.
  await sleep(10_000);
  const before = warnings.length;
  proxy.setMode('refuse');
  await waitFor('the next failure', async () => warnings.length > before, isTrue, {
    timeoutMs: 10_000,
    intervalMs: 50,
  });
  proxy.setMode('pass');
  const next = warnings[before]?.retryInMs;
  console.log(`delays during the outage: ${climbed.join(', ')} ms; after a healthy watch: ${next} ms`);
  assert.equal(next, 500);
  // And the informer works again.
  await core.createNamespacedConfigMap({
    namespace,
    body: { metadata: { name: 'after', labels: { 'podmesh.dev/any': 'true' } } },
  });
  await waitFor(
    'the informer to see a new object',
    async () => informer.informer.get('after', namespace),
    isPresent,
  );
});
