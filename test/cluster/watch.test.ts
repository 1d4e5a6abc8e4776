import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ADD,
  CONNECT,
  CoreV1Api,
  DELETE,
  ERROR,
  makeInformer,
  UPDATE,
  type V1ConfigMap,
} from '@kubernetes/client-node';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { watchTimeoutSeconds } from './components/kubeApiserver.ts';
import { createTestNamespace, useControlPlane } from './controlPlane.ts';

const plane = await useControlPlane();

// The API server ends each watch after a random time in [watchTimeoutSeconds, 2 × watchTimeoutSeconds).
const renewalsWanted = 3;
// Longer than the 30 s after which @kubernetes/client-node 2.0.0 aborted every watch, whatever the traffic.
const minRunMs = 35_000;
const maxRunMs = (renewalsWanted + 2) * 2 * watchTimeoutSeconds * 1000;
// The client aborts a watch after 30 s without data; shorter gaps prove the server ended the watch.
const clientInactivityTimeoutMs = 30_000;

test('an informer outlives the API server watch timeout and receives every event', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const core = plane.kubeConfig.makeApiClient(CoreV1Api);
  const informer = makeInformer<V1ConfigMap>(
    plane.kubeConfig,
    `/api/v1/namespaces/${namespace}/configmaps`,
    () => core.listNamespacedConfigMap({ namespace, labelSelector: 'watched=yes' }),
    'watched=yes',
  );
  const name = (object: V1ConfigMap) => object.metadata?.name ?? '';
  const seen = { added: [] as string[], updated: [] as string[], deleted: [] as string[] };
  const errors: unknown[] = [];
  const connects: number[] = [];
  const expected = { added: [] as string[], updated: [] as string[], deleted: [] as string[] };
  const writes: Promise<unknown>[] = [];
  let writing = true;
  const create = (configMap: string) => {
    expected.added.push(configMap);
    const write = core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: configMap, labels: { watched: 'yes' } }, data: { step: '0' } },
    });
    writes.push(write);
    return write;
  };

  informer.on(ADD, (object) => seen.added.push(name(object)));
  informer.on(UPDATE, (object) => seen.updated.push(name(object)));
  informer.on(DELETE, (object) => seen.deleted.push(name(object)));
  informer.on(ERROR, (error) => errors.push(error));
  informer.on(CONNECT, () => {
    connects.push(Date.now());
    // Written while the old watch is closed and the next not yet open: it must arrive through the resumed watch.
    if (writing && connects.length > 1) void create(`at-renewal-${connects.length - 1}`);
  });
  await informer.start();
  t.after(() => informer.stop());

  const started = Date.now();
  const moreWanted = () => connects.length <= renewalsWanted || Date.now() - started < minRunMs;
  for (let i = 0; moreWanted() && Date.now() - started < maxRunMs; i++) {
    const configMap = `steady-${i}`;
    await create(configMap);
    if (i % 3 === 1) {
      expected.updated.push(configMap);
      await core.replaceNamespacedConfigMap({
        name: configMap,
        namespace,
        body: { metadata: { name: configMap, labels: { watched: 'yes' } }, data: { step: '1' } },
      });
    }
    if (i % 5 === 4) {
      expected.deleted.push(configMap);
      await core.deleteNamespacedConfigMap({ name: configMap, namespace });
    }
    await sleep(1_000);
  }
  writing = false;
  await Promise.all(writes);

  assert.ok(
    connects.length > renewalsWanted,
    `watch renewed ${connects.length - 1} times in ${maxRunMs / 1000}s`,
  );
  for (let i = 1; i < connects.length; i++) {
    const heldMs = (connects[i] ?? 0) - (connects[i - 1] ?? 0);
    assert.ok(
      heldMs >= watchTimeoutSeconds * 1000,
      `watch ${i} was held ${heldMs}ms, at least the server timeout`,
    );
    assert.ok(heldMs < clientInactivityTimeoutMs, `watch ${i} was ended by the server (${heldMs}ms)`);
  }
  const held = connects.slice(1).map((at, i) => `${((at - (connects[i] ?? at)) / 1000).toFixed(1)}s`);
  t.diagnostic(
    `${connects.length - 1} renewals, watches held ${held.join(', ')}; ${expected.added.length} objects`,
  );
  const sorted = (names: string[]) => [...names].sort();
  await waitFor(
    'every event to reach the informer',
    async () =>
      expected.added.every((n) => seen.added.includes(n)) &&
      expected.deleted.every((n) => seen.deleted.includes(n)),
    isTrue,
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(sorted(seen.added), sorted(expected.added), 'each object added exactly once');
  assert.deepEqual(sorted(seen.deleted), sorted(expected.deleted), 'each deletion seen exactly once');
  assert.deepEqual([...new Set(seen.updated)].sort(), sorted(expected.updated), 'every update seen');
  const onServer = await core.listNamespacedConfigMap({ namespace, labelSelector: 'watched=yes' });
  assert.deepEqual(
    sorted(informer.list().map(name)),
    sorted(onServer.items.map(name)),
    'the cache matches the server',
  );
});
