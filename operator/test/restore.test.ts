// Every kind of child the operator owns is watched: one deleted by hand is back within seconds (not at the
// 10-minute resync), and the operator says what it did in Events on the PeerMesh.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { EventsV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import { type ServiceProcess, stopAll } from '@podmesh/testkit/processes';
import { createTestNamespace } from '../../test/cluster/controlPlane.ts';
import { reportingController } from '../src/events.ts';
import { isPresent, setUp, startOperator, waitFor, waitReady } from './support.ts';

const { plane, core, meshApi } = await setUp();
const objects = KubernetesObjectApi.makeApiClient(plane.kubeConfig);
const eventsApi = plane.kubeConfig.makeApiClient(EventsV1Api);
let operator: ServiceProcess | undefined;
before(async () => {
  operator = await startOperator(plane, `operator-${process.pid}`);
});
after(() => stopAll([operator]));

const children = [
  ['v1', 'ServiceAccount', 'mesh-peer'],
  ['rbac.authorization.k8s.io/v1', 'Role', 'mesh-peer'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'mesh-peer'],
  ['v1', 'ConfigMap', 'mesh-peers'],
  ['v1', 'Service', 'mesh'],
  ['apps/v1', 'StatefulSet', 'mesh'],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'mesh'],
  ['policy/v1', 'PodDisruptionBudget', 'mesh'],
] as const;

test('each child deleted by hand is back within 5 s', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'mesh', { replicas: 1, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'mesh'), 1);
  const times: string[] = [];
  for (const [apiVersion, kind, name] of children) {
    const ref = { apiVersion, kind, metadata: { name, namespace } };
    const before = await objects.read(ref);
    await objects.delete(ref);
    const deletedAt = performance.now();
    const back = await waitFor(
      `${kind} ${name} back`,
      async () => {
        const object = await objects.read(ref);
        return object.metadata?.uid !== before.metadata?.uid ? object : undefined;
      },
      isPresent,
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    const ms = Math.round(performance.now() - deletedAt);
    times.push(`${kind} ${ms} ms`);
    assert.ok(back.metadata?.ownerReferences?.some((ref) => ref.kind === 'PeerMesh' && ref.controller));
    assert.ok(ms <= 5000, `${kind} took ${ms} ms`);
  }
  console.log(`restored after delete: ${times.join(', ')}`);
});

const eventsOf = async (namespace: string, name: string) =>
  (await eventsApi.listNamespacedEvent({ namespace })).items.filter(
    (event) => event.regarding?.name === name && event.reportingController === reportingController,
  );

test('Events on the PeerMesh: Created, Updated after a spec change, ReconcileFailed with the reason', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'mesh', { replicas: 1, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'mesh'), 1);
  await meshApi.patchSpec(namespace, 'mesh', { replicas: 1, interval: '20s' });
  const reasons = await waitFor(
    'Created and Updated events',
    async () => {
      const found = (await eventsOf(namespace, 'mesh')).map((e) => `${e.type} ${e.reason}: ${e.note}`);
      return found.some((r) => r.includes('Created')) && found.some((r) => r.includes('Updated'))
        ? found
        : undefined;
    },
    isPresent,
  );
  console.log(`events: ${reasons.join(' | ')}`);
  assert.deepEqual(
    reasons.filter((r) => r.includes('ReconcileFailed')),
    [],
    'a healthy mesh reconciles without a failure on the way',
  );

  // A quota that leaves no room for the mesh's ConfigMap (the namespace already has kube-root-ca.crt).
  await core.createNamespacedResourceQuota({
    namespace,
    body: { metadata: { name: 'no-configmaps' }, spec: { hard: { configmaps: '1' } } },
  });
  await waitFor(
    'the quota to count',
    async () =>
      (await core.readNamespacedResourceQuota({ namespace, name: 'no-configmaps' })).status?.used?.configmaps,
    isPresent,
  );
  await meshApi.create(namespace, 'starved', { replicas: 1, interval: '10s' });
  // The quota's refusal, not the first ReconcileFailed: a reconcile may also fail for a passing reason (a
  // conflict with the first write), and that is an Event too.
  const failure = await waitFor(
    'a ReconcileFailed event naming the quota',
    async () =>
      (await eventsOf(namespace, 'starved')).find(
        (e) => e.reason === 'ReconcileFailed' && /exceeded quota/.test(e.note ?? ''),
      ),
    isPresent,
  );
  console.log(`failure event: ${failure.type} ${failure.reason}: ${failure.note}`);
  assert.equal(failure.type, 'Warning');
  assert.match(failure.note ?? '', /exceeded quota/);
});
