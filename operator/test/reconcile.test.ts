// The operator against the real API server (kwok nodes run the pods): children, scaling, interval changes,
// repairs and garbage collection.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ServiceProcess, stopAll } from '@podmesh/testkit/processes';
import { createTestNamespace } from '../../test/cluster/controlPlane.ts';
import { isPresent, isTrue, peersIn, setUp, startOperator, waitFor, waitReady } from './support.ts';

const { plane, core, apps, meshApi, statefulSet, configMap } = await setUp();
let operator: ServiceProcess | undefined;
before(async () => {
  operator = await startOperator(plane, `operator-${process.pid}`);
});
after(() => stopAll([operator]));

const owned = (
  object: { metadata?: { ownerReferences?: Array<{ kind: string; name: string; controller?: boolean }> } },
  mesh: string,
) =>
  object.metadata?.ownerReferences?.some(
    (ref) => ref.kind === 'PeerMesh' && ref.name === mesh && ref.controller,
  );

test('create: every child exists with an owner reference, N peers listed, Ready once the pods are', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'mesh', { replicas: 5, interval: '10s' });
  const mesh = await waitReady(() => meshApi.get(namespace, 'mesh'), 5);
  const set = await statefulSet(namespace, 'mesh');
  const config = await configMap(namespace, 'mesh');
  assert.equal(set.spec?.replicas, 5);
  assert.deepEqual(peersIn(config), [
    'mesh-0.mesh:8080',
    'mesh-1.mesh:8080',
    'mesh-2.mesh:8080',
    'mesh-3.mesh:8080',
    'mesh-4.mesh:8080',
  ]);
  assert.deepEqual(mesh.status?.peers, peersIn(config));
  const children = [
    set,
    config,
    await core.readNamespacedService({ namespace, name: 'mesh' }),
    await core.readNamespacedServiceAccount({ namespace, name: 'mesh-peer' }),
  ];
  for (const child of children)
    assert.ok(owned(child, 'mesh'), `${child.kind} ${child.metadata?.name} is owned`);
  const pods = await core.listNamespacedPod({ namespace, labelSelector: 'podmesh.dev/mesh=mesh' });
  assert.equal(pods.items.length, 5);
  assert.equal(pods.items[0]?.status?.qosClass, 'Guaranteed');
});

test('scale 5 → 1 → 5: StatefulSet and peers follow, the pod template never changes, survivors keep running', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'mesh', { replicas: 5, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'mesh'), 5);
  const template = JSON.stringify((await statefulSet(namespace, 'mesh')).spec?.template);
  const survivor = await core.readNamespacedPod({ namespace, name: 'mesh-0' });

  await meshApi.patchSpec(namespace, 'mesh', { replicas: 1, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'mesh'), 1);
  assert.equal((await statefulSet(namespace, 'mesh')).spec?.replicas, 1);
  assert.deepEqual(peersIn(await configMap(namespace, 'mesh')), ['mesh-0.mesh:8080']);
  assert.equal(JSON.stringify((await statefulSet(namespace, 'mesh')).spec?.template), template);
  const after = await core.readNamespacedPod({ namespace, name: 'mesh-0' });
  assert.equal(after.metadata?.uid, survivor.metadata?.uid, 'mesh-0 was not replaced');

  await meshApi.patchSpec(namespace, 'mesh', { replicas: 5, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'mesh'), 5);
  assert.equal(peersIn(await configMap(namespace, 'mesh')).length, 5);
  assert.equal(JSON.stringify((await statefulSet(namespace, 'mesh')).spec?.template), template);
  assert.equal(
    (await core.readNamespacedPod({ namespace, name: 'mesh-0' })).metadata?.uid,
    survivor.metadata?.uid,
  );
});

test('interval change: only the ConfigMap changes', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'mesh', { replicas: 2, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'mesh'), 2);
  const setBefore = await statefulSet(namespace, 'mesh');
  await meshApi.patchSpec(namespace, 'mesh', { replicas: 2, interval: '3s' });
  await waitFor(
    'the new interval in the ConfigMap',
    async () => (await configMap(namespace, 'mesh')).data?.['peers.yaml']?.startsWith('interval: 3s'),
    isTrue,
  );
  const setAfter = await statefulSet(namespace, 'mesh');
  assert.equal(setAfter.metadata?.generation, setBefore.metadata?.generation, 'StatefulSet spec untouched');
});

test('a child edited or deleted by hand is restored', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'mesh', { replicas: 2, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'mesh'), 2);
  await core.patchNamespacedConfigMap({
    namespace,
    name: 'mesh-peers',
    body: [{ op: 'replace', path: '/data/peers.yaml', value: 'interval: 1s\npeers: []\n' }],
  });
  await waitFor(
    'the ConfigMap restored',
    async () => peersIn(await configMap(namespace, 'mesh')).length === 2,
    isTrue,
  );
  await core.deleteNamespacedService({ namespace, name: 'mesh' });
  await waitFor(
    'the Service recreated',
    async () => core.readNamespacedService({ namespace, name: 'mesh' }),
    isPresent,
  );
  await apps.deleteNamespacedStatefulSet({ namespace, name: 'mesh' });
  await waitFor(
    'the StatefulSet recreated',
    async () => (await statefulSet(namespace, 'mesh')).metadata?.uid,
    isPresent,
  );
});

test('delete: every child is garbage-collected', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'mesh', { replicas: 2, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'mesh'), 2);
  await meshApi.delete(namespace, 'mesh');
  await waitFor(
    'children gone',
    async () => {
      const [sets, maps, services] = await Promise.all([
        apps.listNamespacedStatefulSet({ namespace }),
        core.listNamespacedConfigMap({ namespace, labelSelector: 'podmesh.dev/mesh=mesh' }),
        core.listNamespacedService({ namespace }),
      ]);
      return sets.items.length + maps.items.length + services.items.length === 0;
    },
    isTrue,
  );
});
