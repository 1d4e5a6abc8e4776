import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CoreV1Api, VersionApi } from '@kubernetes/client-node';
import { useControlPlane } from './controlPlane.ts';
import { kwokNodeName } from './kwokNode.ts';
import { listeningAddresses } from './listeningSockets.ts';
import { stateDir } from './paths.ts';
import { readState } from './state.ts';
import { versions } from './versions.ts';

const plane = await useControlPlane();

test('the API server reports the pinned Kubernetes version', async () => {
  const info = await plane.kubeConfig.makeApiClient(VersionApi).getCode();
  assert.equal(info.gitVersion, versions.kubernetes);
  const kubectl = await plane.kubectl(['version', '--output=json']);
  assert.equal(kubectl.code, 0, kubectl.stderr);
  const { clientVersion, serverVersion } = JSON.parse(kubectl.stdout);
  assert.equal(clientVersion.gitVersion, versions.kubernetes);
  assert.equal(serverVersion.gitVersion, versions.kubernetes);
});

test('every readiness check of the API server passes, etcd included', async () => {
  const result = await plane.kubectl(['get', '--raw', '/readyz?verbose']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /\[\+\]etcd ok/);
  assert.match(result.stdout, /readyz check passed/);
});

test('the controller manager and scheduler are working: default service account, a Ready kwok node', async () => {
  const core = plane.kubeConfig.makeApiClient(CoreV1Api);
  const account = await core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' });
  assert.equal(account.metadata?.name, 'default');
  const node = await core.readNode({ name: kwokNodeName });
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  assert.equal(ready?.status, 'True');
});

test('every component listens on loopback only', () => {
  const state = readState(stateDir());
  assert.ok(state, 'a running cluster has a state file');
  const listening = state.processes.flatMap(({ name, pid }) =>
    listeningAddresses(pid).map((address) => ({ name, address })),
  );
  assert.ok(
    listening.some(({ name }) => name === 'kube-apiserver'),
    'the apiserver listens',
  );
  const exposed = listening.filter(
    ({ address }) => !address.startsWith('127.') && !address.startsWith('0:0:0:0:0:0:0:1:'),
  );
  assert.deepEqual(exposed, []);
});
