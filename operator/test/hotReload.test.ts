// End to end without pods: three real peer processes in API-watch mode, authenticated as the mesh's own
// ServiceAccount (a TokenRequest token), follow CR changes without restarting (how fast: bench/operator.ts).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { createTestNamespace } from '../../test/cluster/controlPlane.ts';
import { isPresent, isTrue, setUp, startOperator, waitFor } from './support.ts';

const { plane, core, meshApi } = await setUp();

function tokenKubeconfig(namespace: string, token: string): string {
  const cluster = plane.kubeConfig.getCurrentCluster();
  const file = join(tmpdir(), `podmesh-peer-${namespace}.kubeconfig`);
  const caData = cluster?.caData ?? '';
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'test', cluster: { server: cluster?.server, 'certificate-authority-data': caData } },
      ],
      users: [{ name: 'peer', user: { token } }],
      contexts: [{ name: 'peer', context: { cluster: 'test', user: 'peer', namespace } }],
      'current-context': 'peer',
    }),
  );
  return file;
}

// Locally the peers listen on different ports, so none recognises its own entry (in a pod, port 8080 does):
// follow which members each one has been told about.
const knownMembers = (peer: ServiceProcess) => {
  const members = new Set<string>();
  for (const line of peer.logs.filter((l) => l.message === 'peer config applied')) {
    for (const added of line.added as string[]) members.add(added);
    for (const removed of line.removed as string[]) members.delete(removed);
  }
  return [...members].sort();
};
const members = (n: number) => Array.from({ length: n }, (_, i) => `mesh-${i}.mesh:8080`);

test('peers follow CR changes through the API, same PIDs, with only the Role the operator made', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const operator = await startOperator(plane, namespace, { LEADER_ELECTION: 'false' });
  t.after(() => stopAll([operator]));
  await meshApi.create(namespace, 'mesh', { replicas: 3, interval: '2s' });
  await waitFor(
    'the peers ConfigMap',
    () => core.readNamespacedConfigMap({ namespace, name: 'mesh-peers' }),
    isPresent,
  );
  await waitFor(
    'the peer ServiceAccount',
    () => core.readNamespacedServiceAccount({ namespace, name: 'mesh-peer' }),
    isPresent,
  );

  const canI = async (verb: string, resource: string) =>
    (
      await plane.kubectl([
        'auth',
        'can-i',
        verb,
        resource,
        '-n',
        namespace,
        `--as=system:serviceaccount:${namespace}:mesh-peer`,
      ])
    ).stdout.trim();
  assert.equal(await canI('watch', 'configmaps/mesh-peers'), 'yes');
  assert.equal(await canI('get', 'configmaps/other'), 'no');
  assert.equal(await canI('list', 'secrets'), 'no');
  assert.equal(await canI('patch', 'configmaps/mesh-peers'), 'no');

  const { status } = await core.createNamespacedServiceAccountToken({
    namespace,
    name: 'mesh-peer',
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const kubeconfig = tokenKubeconfig(namespace, status?.token ?? '');
  t.after(() => rmSync(kubeconfig, { force: true }));
  const peers = await Promise.all(
    [0, 1, 2].map((ordinal) =>
      startService('peer', {
        env: {
          KUBECONFIG: kubeconfig,
          POD_NAME: `mesh-${ordinal}`,
          PEER_CONFIGMAP: 'mesh-peers',
          PEER_NAMESPACE: namespace,
          PEER_CONFIG_FILE: join(tmpdir(), 'podmesh-no-such-dir', 'peers.yaml'),
        },
      }),
    ),
  );
  t.after(() => stopAll(peers));
  const pids = peers.map((peer) => peer.pid);
  const hasMembers = (peer: ServiceProcess, n: number) =>
    JSON.stringify(knownMembers(peer)) === JSON.stringify(members(n));
  for (const peer of peers) await waitFor('the 3-member config', async () => hasMembers(peer, 3), isTrue);

  // How fast is bench/operator.ts's (CR change → all peers, target p95 2 s); here: it arrives, unrestarted.
  await meshApi.patchSpec(namespace, 'mesh', { replicas: 5, interval: '3s' });
  for (const peer of peers) {
    await waitFor('the 5-member config', async () => hasMembers(peer, 5), isTrue, {
      timeoutMs: 10_000,
      intervalMs: 20,
    });
  }
  assert.deepEqual(
    peers.map((peer) => peer.pid),
    pids,
  );
  for (const peer of peers) assert.equal(peer.child.exitCode, null, 'still running');
  const lastApplied = peers[0]?.logs.filter((line) => line.message === 'peer config applied').at(-1);
  assert.equal(lastApplied?.interval, '3s');
  assert.equal(lastApplied?.source, 'configmap');
});
