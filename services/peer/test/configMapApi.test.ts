// API-watch mode against a real kube-apiserver (test/cluster): the peer runs as a service account with only
// the Role documented in README.md, survives a watch that fails (forbidden, then granted: the informer is
// restarted), reloads from ConfigMap edits at once (also after a quiet spell that outlasts several watch
// renewals), rejects an invalid edit, and falls back to the file.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { isPresent, isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { createTestNamespace, useControlPlane } from '../../../test/cluster/controlPlane.ts';
import { createConfigMapVolume } from './configMapVolume.ts';
import { startPongServer } from './pongServers.ts';

const plane = await useControlPlane();
const started: ServiceProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await stopAll(started);
  for (const cleanup of cleanups) await cleanup();
});

const document = (address: string) => `interval: 1s\npeers: [${address}]\n`;

test('the peer follows its ConfigMap through the API with least-privilege RBAC', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const core = plane.kubeConfig.makeApiClient(CoreV1Api);
  const rbac = plane.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  const fromFile = await startPongServer('from-file');
  const first = await startPongServer('first');
  const second = await startPongServer('second');
  cleanups.push(...[fromFile, first, second].map((server) => server.close));

  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'mesh' } } });
  await core.createNamespacedConfigMap({
    namespace,
    body: { metadata: { name: 'mesh-peers' }, data: { 'peers.yaml': document(first.address) } },
  });
  const token = await plane.kubectl(['create', 'token', 'mesh', '-n', namespace, '--duration=10m']);
  assert.equal(token.code, 0, token.stderr);
  const asMesh = new KubeConfig();
  const cluster = plane.kubeConfig.getCurrentCluster();
  assert.ok(cluster);
  asMesh.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'mesh', token: token.stdout.trim() }],
    // The namespace comes from the context here (PEER_NAMESPACE unset), as for `kubectl` users.
    contexts: [{ name: 'mesh', cluster: cluster.name, user: 'mesh', namespace }],
    currentContext: 'mesh',
  });
  const dir = await mkdtemp(join(tmpdir(), 'peer-kubeconfig-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'kubeconfig'), asMesh.exportConfig(), { mode: 0o600 });
  const volume = await createConfigMapVolume('peers.yaml', document(fromFile.address));
  cleanups.push(volume.remove);

  const peer = await startService('peer', {
    env: {
      PEER_CONFIG_FILE: volume.path,
      PEER_CONFIGMAP: 'mesh-peers',
      KUBECONFIG: join(dir, 'kubeconfig'),
    },
  });
  started.push(peer);

  // No Role yet: the watch is forbidden, the file is in force, the peer keeps running.
  await waitFor('the file config in use', () => fromFile.arrivals.length > 0, isTrue, {
    timeoutMs: 10_000,
    intervalMs: 10,
  });
  // Forbidden, logged as a warning; the informer is restarted (with backoff), so more failures follow.
  const failures = () =>
    peer.logs.filter(
      (line) => line.message === 'watch failed; restarting' && /403|forbidden/i.test(String(line.error)),
    );
  await waitFor('two forbidden watch attempts logged', () => failures().length >= 2, isTrue, {
    timeoutMs: 10_000,
    intervalMs: 10,
  });

  // The Role README.md documents: read this one ConfigMap. The restarted informer picks it up.
  await rbac.createNamespacedRole({
    namespace,
    body: {
      metadata: { name: 'mesh-peer' },
      rules: [
        {
          apiGroups: [''],
          resources: ['configmaps'],
          resourceNames: ['mesh-peers'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name: 'mesh-peer' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'mesh-peer' },
      subjects: [{ kind: 'ServiceAccount', name: 'mesh', namespace }],
    },
  });
  await waitFor('the ConfigMap config in use', () => first.arrivals.length > 0, isTrue, {
    timeoutMs: 20_000,
    intervalMs: 10,
  });
  const fileArrivals = fromFile.arrivals.length;

  // An edit through the API is in use within a second, with no kubelet sync and no file change.
  const editedAt = performance.timeOrigin + performance.now();
  await core.patchNamespacedConfigMap({
    namespace,
    name: 'mesh-peers',
    body: [{ op: 'replace', path: '/data/peers.yaml', value: document(second.address) }],
  });
  const pingedAt = await waitFor('the edited config in use', () => second.arrivals[0], isPresent, {
    timeoutMs: 1000,
    intervalMs: 10,
  });
  assert.ok(pingedAt - editedAt < 1000);

  // 35 s of quiet: the test API server ends watches after 8–16 s and client-node's own inactivity timeout is
  // 30 s, so the informer renews its watch several times; the next edit must still arrive at once.
  // (apiWatchSoak.ts does the same over minutes.)
  await sleep(35_000);
  const third = await startPongServer('third');
  cleanups.push(third.close);
  const lateEditAt = performance.timeOrigin + performance.now();
  await core.patchNamespacedConfigMap({
    namespace,
    name: 'mesh-peers',
    body: [{ op: 'replace', path: '/data/peers.yaml', value: document(third.address) }],
  });
  const latePingAt = await waitFor('the late edit in use', () => third.arrivals[0], isPresent, {
    timeoutMs: 1000,
    intervalMs: 10,
  });
  assert.ok(latePingAt - lateEditAt < 1000);

  // An invalid edit is rejected; the last good config keeps running.
  await core.patchNamespacedConfigMap({
    namespace,
    name: 'mesh-peers',
    body: [{ op: 'replace', path: '/data/peers.yaml', value: 'interval: 1s\npeers: [nope]\n' }],
  });
  await waitFor('the rejection logged', () => peer.logs.some((line) => line.severity === 'ERROR'), isTrue, {
    timeoutMs: 10_000,
    intervalMs: 10,
  });
  const thirdArrivals = third.arrivals.length;
  await waitFor('the last good config still in use', () => third.arrivals.length > thirdArrivals, isTrue, {
    timeoutMs: 3000,
    intervalMs: 10,
  });
  assert.equal(fromFile.arrivals.length, fileArrivals, 'the stale file was used while the API was in sync');

  // The ConfigMap is deleted: the mounted file is in force again.
  await core.deleteNamespacedConfigMap({ namespace, name: 'mesh-peers' });
  await waitFor('back on the file', () => fromFile.arrivals.length > fileArrivals, isTrue, {
    timeoutMs: 5000,
    intervalMs: 10,
  });
  assert.equal(peer.child.exitCode, null);
});
