// The scale subresource as its real clients use it: `kubectl scale` (PATCH …/scale), a PUT on …/scale, and a
// HorizontalPodAutoscaler, which finds the peers' pods through labelSelectorPath (status.selector).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AutoscalingV2Api } from '@kubernetes/client-node';
import { type ServiceProcess, stopAll } from '@podmesh/testkit/processes';
import { createTestNamespace } from '../../test/cluster/controlPlane.ts';
import { group, plural, version } from '../src/api.ts';
import { isPresent, setUp, startOperator, waitFor, waitReady } from './support.ts';

const { plane, custom, meshApi, statefulSet } = await setUp();
const autoscaling = plane.kubeConfig.makeApiClient(AutoscalingV2Api);
let operator: ServiceProcess | undefined;
before(async () => {
  operator = await startOperator(plane, `operator-${process.pid}`);
});
after(() => stopAll([operator]));

test('kubectl scale pm x --replicas=1, then a PUT on /scale back to 3: the StatefulSet follows', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'x', { replicas: 3, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'x'), 3);

  const scaled = await plane.kubectl(['scale', '-n', namespace, 'pm/x', '--replicas=1']);
  assert.equal(scaled.code, 0, scaled.stderr);
  await waitReady(() => meshApi.get(namespace, 'x'), 1);
  assert.equal((await statefulSet(namespace, 'x')).spec?.replicas, 1);

  const scale = await custom.getNamespacedCustomObjectScale({ group, version, namespace, plural, name: 'x' });
  assert.equal(scale.status.selector, 'app.kubernetes.io/name=peer,podmesh.dev/mesh=x');
  await custom.replaceNamespacedCustomObjectScale({
    group,
    version,
    namespace,
    plural,
    name: 'x',
    body: { ...scale, spec: { replicas: 3 } },
  });
  await waitReady(() => meshApi.get(namespace, 'x'), 3);
  assert.equal((await statefulSet(namespace, 'x')).spec?.replicas, 3);
});

test('an HPA on a PeerMesh resolves its scale target and selector (no metrics server: no metrics)', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'x', { replicas: 2, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'x'), 2);
  await autoscaling.createNamespacedHorizontalPodAutoscaler({
    namespace,
    body: {
      metadata: { name: 'x' },
      spec: {
        scaleTargetRef: { apiVersion: `${group}/${version}`, kind: 'PeerMesh', name: 'x' },
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
          },
        ],
      },
    },
  });
  // Without a selector the HPA stops at ScalingActive=False/InvalidSelector; with one it reads the scale
  // and goes on to ask for metrics, which this control plane has none of.
  const conditions = await waitFor(
    'the HPA to report its conditions',
    async () => {
      const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({ namespace, name: 'x' });
      const active = hpa.status?.conditions?.find((c) => c.type === 'ScalingActive');
      return active ? hpa.status?.conditions : undefined;
    },
    isPresent,
    { timeoutMs: 60_000 },
  );
  for (const c of conditions) console.log(`HPA condition ${c.type}=${c.status} ${c.reason}: ${c.message}`);
  const able = conditions.find((c) => c.type === 'AbleToScale');
  const active = conditions.find((c) => c.type === 'ScalingActive');
  assert.equal(able?.status, 'True');
  assert.equal(able?.reason, 'SucceededGetScale');
  assert.notEqual(active?.reason, 'InvalidSelector', active?.message);
  assert.match(active?.message ?? '', /metrics/);
});
