import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PeerMesh, resolveSpec } from './api.ts';
import { desiredChildren } from './children.ts';
import { peerConfigDocument } from './peers.ts';

const mesh = (spec: PeerMesh['spec']): PeerMesh => ({
  apiVersion: 'podmesh.dev/v1alpha1',
  kind: 'PeerMesh',
  metadata: { name: 'mesh', namespace: 'ns', uid: 'uid-1', generation: 1 },
  spec,
});
const byKind = (objects: ReturnType<typeof desiredChildren>) =>
  Object.fromEntries(objects.map((o) => [o.kind, o as Record<string, any>]));

test('every child is owned by the mesh through a controller reference', () => {
  const children = desiredChildren(mesh({}), resolveSpec(mesh({}), 'peer:1'));
  assert.deepEqual(children.map((c) => c.kind).sort(), [
    'ConfigMap',
    'NetworkPolicy',
    'PodDisruptionBudget',
    'Role',
    'RoleBinding',
    'Service',
    'ServiceAccount',
    'StatefulSet',
  ]);
  for (const child of children) {
    assert.deepEqual(child.metadata?.ownerReferences, [
      {
        apiVersion: 'podmesh.dev/v1alpha1',
        kind: 'PeerMesh',
        name: 'mesh',
        uid: 'uid-1',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
  }
});

test('replicas and interval change the ConfigMap and replica count, never the pod template', () => {
  const small = byKind(
    desiredChildren(
      mesh({ replicas: 1, interval: '5s' }),
      resolveSpec(mesh({ replicas: 1, interval: '5s' }), 'peer:1'),
    ),
  );
  const large = byKind(
    desiredChildren(
      mesh({ replicas: 5, interval: '1m' }),
      resolveSpec(mesh({ replicas: 5, interval: '1m' }), 'peer:1'),
    ),
  );
  assert.deepEqual(small.StatefulSet?.spec.template, large.StatefulSet?.spec.template);
  assert.equal(small.StatefulSet?.spec.replicas, 1);
  assert.equal(large.StatefulSet?.spec.replicas, 5);
  assert.notEqual(small.ConfigMap?.data['peers.yaml'], large.ConfigMap?.data['peers.yaml']);
});

test('the peer list names every member by its stable DNS name', () => {
  const { ConfigMap } = byKind(
    desiredChildren(
      mesh({ replicas: 3, interval: '30s', port: 9000 }),
      resolveSpec(mesh({ replicas: 3, interval: '30s', port: 9000 }), 'peer:1'),
    ),
  );
  assert.equal(
    ConfigMap?.data['peers.yaml'],
    'interval: 30s\npeers:\n  - mesh-0.mesh:9000\n  - mesh-1.mesh:9000\n  - mesh-2.mesh:9000\n',
  );
  assert.equal(peerConfigDocument([], '1m'), 'interval: 1m\npeers: []\n');
});

test('defaults give Guaranteed QoS and a restricted security context', () => {
  const { StatefulSet } = byKind(desiredChildren(mesh({}), resolveSpec(mesh({}), 'peer:1')));
  const container = StatefulSet?.spec.template.spec.containers[0];
  assert.deepEqual(container.resources.requests, container.resources.limits);
  assert.equal(container.securityContext.readOnlyRootFilesystem, true);
  assert.equal(container.securityContext.allowPrivilegeEscalation, false);
  assert.deepEqual(container.securityContext.capabilities.drop, ['ALL']);
  assert.equal(StatefulSet?.spec.template.spec.securityContext.runAsNonRoot, true);
  assert.equal(container.image, 'peer:1');
});

test('the peers may read only their own ConfigMap', () => {
  const { Role } = byKind(desiredChildren(mesh({}), resolveSpec(mesh({}), 'peer:1')));
  assert.deepEqual(Role?.rules, [
    {
      apiGroups: [''],
      resources: ['configmaps'],
      resourceNames: ['mesh-peers'],
      verbs: ['get', 'list', 'watch'],
    },
  ]);
});
