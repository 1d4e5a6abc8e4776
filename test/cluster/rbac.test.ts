import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { createTestNamespace, useControlPlane } from './controlPlane.ts';
import { stateDir } from './paths.ts';
import { probe } from './probe.ts';

const plane = await useControlPlane();

test('RBAC grants a service account exactly its Role: kubectl auth can-i and a real token agree', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const core = plane.kubeConfig.makeApiClient(CoreV1Api);
  const rbac = plane.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'reader' } } });
  await rbac.createNamespacedRole({
    namespace,
    body: {
      metadata: { name: 'pod-reader' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name: 'reader-reads-pods' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace }],
    },
  });

  const reader = `system:serviceaccount:${namespace}:reader`;
  const canI = async (...args: string[]) => {
    const result = await plane.kubectl(['auth', 'can-i', ...args, `--as=${reader}`]);
    return result.stdout.trim();
  };
  assert.equal(await canI('list', 'pods', '-n', namespace), 'yes');
  assert.equal(await canI('watch', 'pods', '-n', namespace), 'yes');
  assert.equal(await canI('delete', 'pods', '-n', namespace), 'no');
  assert.equal(await canI('get', 'secrets', '-n', namespace), 'no');
  assert.equal(await canI('list', 'pods', '-n', 'kube-system'), 'no');
  assert.equal(await canI('create', 'namespaces'), 'no');

  // The same decisions for a real credential: a bound token issued by the API server.
  const token = await plane.kubectl(['create', 'token', 'reader', '-n', namespace, '--duration=10m']);
  assert.equal(token.code, 0, token.stderr);
  const asReader = new KubeConfig();
  asReader.loadFromOptions({
    clusters: [plane.kubeConfig.getCurrentCluster() as never],
    users: [{ name: 'reader', token: token.stdout.trim() }],
    contexts: [{ name: 'reader', cluster: plane.kubeConfig.getCurrentCluster()?.name ?? '', user: 'reader' }],
    currentContext: 'reader',
  });
  const readerCore = asReader.makeApiClient(CoreV1Api);
  const pods = await readerCore.listNamespacedPod({ namespace });
  assert.deepEqual(pods.items, []);
  await assert.rejects(
    readerCore.listNamespacedSecret({ namespace }),
    (error: { code?: number }) => error.code === 403,
  );
  await assert.rejects(
    readerCore.deleteCollectionNamespacedPod({ namespace }),
    (error: { code?: number }) => error.code === 403,
  );
});

test('an anonymous request gets the public health and version endpoints and nothing else', async () => {
  const server = plane.kubeConfig.getCurrentCluster()?.server ?? '';
  const ca = readFileSync(join(stateDir(), 'pki', 'ca.crt'));
  assert.equal((await probe(`${server}/version`, { ca })).status, 200);
  assert.equal((await probe(`${server}/readyz`, { ca })).status, 200);
  const pods = await probe(`${server}/api/v1/namespaces/default/pods`, { ca });
  assert.equal(pods.status, 403);
  assert.match(pods.body, /system:anonymous/);
});
