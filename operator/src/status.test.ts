import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PeerMesh } from './api.ts';
import { computeStatus, sameStatus } from './status.ts';

const mesh: PeerMesh = { metadata: { name: 'm', namespace: 'n', generation: 4 } };
const set = (ready: number, replicas: number) => ({
  metadata: { generation: 2 },
  status: { observedGeneration: 2, replicas, readyReplicas: ready },
});
const condition = (status: ReturnType<typeof computeStatus>, type: string) =>
  status.conditions?.find((c) => c.type === type);

test('Ready once every desired peer is ready; Progressing while scaling', () => {
  const scaling = computeStatus(mesh, { statefulSet: set(2, 5) as never, peers: [], desiredReplicas: 5 });
  assert.equal(condition(scaling, 'Ready')?.status, 'False');
  assert.equal(condition(scaling, 'Progressing')?.status, 'True');
  const ready = computeStatus(mesh, { statefulSet: set(5, 5) as never, peers: [], desiredReplicas: 5 });
  assert.equal(condition(ready, 'Ready')?.status, 'True');
  assert.equal(condition(ready, 'Progressing')?.status, 'False');
  assert.equal(condition(ready, 'Degraded')?.status, 'False');
  assert.equal(ready.observedGeneration, 4);
});

test('an apply error makes the mesh Degraded with the message', () => {
  const failed = computeStatus(mesh, { peers: [], desiredReplicas: 3, error: 'quota exceeded' });
  assert.equal(condition(failed, 'Degraded')?.status, 'True');
  assert.equal(condition(failed, 'Degraded')?.message, 'quota exceeded');
});

test('transition times move only when a condition flips, so an unchanged status is not rewritten', () => {
  const first = computeStatus(
    mesh,
    { statefulSet: set(5, 5) as never, peers: ['a'], desiredReplicas: 5 },
    new Date(1000),
  );
  const again = computeStatus(
    { ...mesh, status: first },
    { statefulSet: set(5, 5) as never, peers: ['a'], desiredReplicas: 5 },
    new Date(9000),
  );
  assert.ok(sameStatus(first, again));
  const flipped = computeStatus(
    { ...mesh, status: first },
    { statefulSet: set(4, 5) as never, peers: ['a'], desiredReplicas: 5 },
    new Date(9000),
  );
  assert.equal(condition(flipped, 'Ready')?.lastTransitionTime?.getTime(), 9000);
  assert.ok(!sameStatus(first, flipped));
});

test('status.selector is the label selector of the peers, for the scale subresource', () => {
  const status = computeStatus(mesh, { peers: [], desiredReplicas: 3 });
  assert.equal(status.selector, 'app.kubernetes.io/name=peer,podmesh.dev/mesh=m');
});
