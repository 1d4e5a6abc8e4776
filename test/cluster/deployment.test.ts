import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { isPresent, isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { createTestNamespace, useControlPlane } from './controlPlane.ts';
import { kwokNodeName } from './kwokNode.ts';
import { deployment } from './testWorkloads.ts';

const plane = await useControlPlane();

test('a Deployment gets a ReplicaSet and Running, Ready pods on the kwok node, and becomes Available', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const apps = plane.kubeConfig.makeApiClient(AppsV1Api);
  const core = plane.kubeConfig.makeApiClient(CoreV1Api);
  const created = await apps.createNamespacedDeployment({ namespace, body: deployment('web', 3) });

  const replicaSet = await waitFor(
    'a ReplicaSet owned by the Deployment',
    async () => {
      const { items } = await apps.listNamespacedReplicaSet({ namespace });
      return items.find((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === created.metadata?.uid));
    },
    isPresent,
  );
  assert.equal(replicaSet.spec?.replicas, 3);

  const pods = await waitFor(
    '3 Running, Ready pods',
    async () => {
      const { items } = await core.listNamespacedPod({ namespace, labelSelector: 'app=web' });
      const running = items.filter(
        (pod) =>
          pod.status?.phase === 'Running' &&
          pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      return running.length === 3 ? running : undefined;
    },
    isPresent,
  );
  for (const pod of pods) {
    assert.equal(pod.spec?.nodeName, kwokNodeName, 'scheduled by kube-scheduler onto the kwok node');
    assert.equal(
      pod.metadata?.ownerReferences?.[0]?.uid,
      replicaSet.metadata?.uid,
      'owned by the ReplicaSet',
    );
    assert.ok(pod.status?.podIP, 'kwok gave the pod an IP');
  }

  const available = await waitFor(
    'the Deployment to be Available',
    async () => {
      const current = await apps.readNamespacedDeployment({ name: 'web', namespace });
      const condition = current.status?.conditions?.find((c) => c.type === 'Available');
      return condition?.status === 'True' ? current : undefined;
    },
    isPresent,
  );
  assert.equal(available.status?.readyReplicas, 3);

  // Scaling down goes through the same chain: the ReplicaSet shrinks, kwok finishes the deleted pods.
  await apps.patchNamespacedDeploymentScale(
    { name: 'web', namespace, body: { spec: { replicas: 1 } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  await waitFor(
    '1 pod left',
    async () => {
      const { items } = await core.listNamespacedPod({ namespace, labelSelector: 'app=web' });
      return items.length === 1;
    },
    isTrue,
  );
});
