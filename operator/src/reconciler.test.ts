import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CustomObjectsApi, KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import type { Logger } from '@podmesh/runtime';
import type { PeerMesh } from './api.ts';
import { AppliedChildren, type ObservedChild } from './appliedChildren.ts';
import { createReconciler } from './reconciler.ts';

const mesh: PeerMesh = {
  metadata: { name: 'm', namespace: 'n', uid: 'u1', generation: 1 },
  spec: { replicas: 2 },
};

/** The API as the reconciler sees it: applies answer with a resourceVersion, status writes are counted. */
function fakeCluster() {
  const applied: string[] = [];
  let statusWrites = 0;
  let resourceVersion = 100;
  const objects = {
    patch: async (object: KubernetesObject) => {
      applied.push(object.kind as string);
      const metadata = { ...object.metadata, resourceVersion: String(resourceVersion++), generation: 1 };
      return { ...object, metadata };
    },
  } as unknown as KubernetesObjectApi;
  const customObjects = {
    patchNamespacedCustomObjectStatus: async () => {
      statusWrites++;
    },
  } as unknown as CustomObjectsApi;
  return { objects, customObjects, applied, statusWrites: () => statusWrites };
}

function reconcilerOver(cluster: ReturnType<typeof fakeCluster>, observed: () => ObservedChild[]) {
  return createReconciler({
    objects: cluster.objects,
    customObjects: cluster.customObjects,
    log: { info: () => undefined, warn: () => undefined } as unknown as Logger,
    events: { record: () => undefined },
    defaultImage: 'podmesh/peer:test',
    getMesh: () => mesh,
    observeChildren: observed,
    applied: new AppliedChildren({ resyncMs: 60_000 }),
    resyncMs: 60_000,
  });
}

test('first reconcile applies every child, the StatefulSet after what its pods need', async () => {
  const cluster = fakeCluster();
  const result = await reconcilerOver(cluster, () => [])('n/m');
  assert.equal(result.applied, true);
  assert.equal(cluster.applied.length, 8);
  assert.equal(cluster.applied.at(-1), 'StatefulSet');
  assert.equal(cluster.statusWrites(), 1);
});

test('a wake-up with nothing drifted recomputes the status without applying', async () => {
  const cluster = fakeCluster();
  const reconcile = reconcilerOver(cluster, () => []);
  await reconcile('n/m');
  const result = await reconcile('n/m');
  assert.equal(result.applied, false);
  assert.equal(cluster.applied.length, 8);
});

test('a StatefulSet whose generation moved (a hand edit) is applied again', async () => {
  const cluster = fakeCluster();
  let observed: ObservedChild[] = [];
  const reconcile = reconcilerOver(cluster, () => observed);
  await reconcile('n/m');
  observed = [
    { kind: 'StatefulSet', object: { metadata: { name: 'm', resourceVersion: '999', generation: 2 } } },
  ];
  const result = await reconcile('n/m');
  assert.equal(result.applied, true);
  assert.equal(cluster.applied.length, 16);
});
