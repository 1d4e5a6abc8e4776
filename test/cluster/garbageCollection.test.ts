import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppsV1Api, CoreV1Api, type V1OwnerReference } from '@kubernetes/client-node';
import { isPresent, isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { createTestNamespace, useControlPlane } from './controlPlane.ts';
import { deployment } from './testWorkloads.ts';

const plane = await useControlPlane();

test('deleting an owner garbage-collects its children, and only them', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const core = plane.kubeConfig.makeApiClient(CoreV1Api);
  const owner = await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'owner' } } });
  const ownerReference: V1OwnerReference = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: 'owner',
    uid: owner.metadata?.uid ?? '',
  };
  for (const name of ['child-a', 'child-b']) {
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name, ownerReferences: [ownerReference] } },
    });
  }
  await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'bystander' } } });

  await core.deleteNamespacedConfigMap({ name: 'owner', namespace });
  const left = await waitFor(
    'the children to be collected',
    async () => {
      const { items } = await core.listNamespacedConfigMap({ namespace });
      const names = items.map((item) => item.metadata?.name).filter((name) => name !== 'kube-root-ca.crt');
      return names.includes('child-a') || names.includes('child-b') ? undefined : names;
    },
    isPresent,
  );
  assert.deepEqual(left, ['bystander']);
});

test('deleting a Deployment collects its ReplicaSet and pods; orphan deletion keeps them', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const apps = plane.kubeConfig.makeApiClient(AppsV1Api);
  const core = plane.kubeConfig.makeApiClient(CoreV1Api);
  const podCount = async (app: string) =>
    (await core.listNamespacedPod({ namespace, labelSelector: `app=${app}` })).items.length;

  await apps.createNamespacedDeployment({ namespace, body: deployment('cascade', 2) });
  await apps.createNamespacedDeployment({ namespace, body: deployment('orphan', 2) });
  await waitFor(
    'both Deployments to have their pods',
    async () => (await podCount('cascade')) === 2 && (await podCount('orphan')) === 2,
    isTrue,
  );

  await apps.deleteNamespacedDeployment({ name: 'cascade', namespace, propagationPolicy: 'Background' });
  await apps.deleteNamespacedDeployment({ name: 'orphan', namespace, propagationPolicy: 'Orphan' });
  await waitFor(
    'the cascade ReplicaSet and pods to be gone',
    async () => {
      const replicaSets = await apps.listNamespacedReplicaSet({ namespace, labelSelector: 'app=cascade' });
      return replicaSets.items.length === 0 && (await podCount('cascade')) === 0;
    },
    isTrue,
  );
  await waitFor(
    'the orphan Deployment to be gone (its orphan finalizer done)',
    () =>
      apps.readNamespacedDeployment({ name: 'orphan', namespace }).then(
        () => false,
        (error: { code?: number }) => error.code === 404,
      ),
    isTrue,
  );
  const orphaned = await apps.listNamespacedReplicaSet({ namespace, labelSelector: 'app=orphan' });
  assert.equal(orphaned.items.length, 1, 'the orphaned ReplicaSet stays');
  assert.deepEqual(orphaned.items[0]?.metadata?.ownerReferences ?? [], [], 'and no longer names an owner');
  assert.equal(await podCount('orphan'), 2, 'its pods stay');
});
