// Two operators: only the Lease holder reconciles; when it dies the other takes over; a kill mid-reconcile
// leaves nothing half-done that the next leader does not converge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stopAll } from '@podmesh/testkit/processes';
import { createTestNamespace } from '../../test/cluster/controlPlane.ts';
import { isPresent, isTrue, operatorNamespace, setUp, startOperator, waitFor, waitReady } from './support.ts';

const { plane, apps, leases, meshApi } = await setUp();

const becameLeader = (logs: Array<Record<string, unknown>>) =>
  logs.some((line) => line.message === 'became the leader');

test('only the leader reconciles; killing it hands over to the follower', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const first = await startOperator(plane, namespace);
  const second = await startOperator(plane, namespace);
  t.after(() => stopAll([first, second]));
  const lease = await waitFor(
    'a lease holder',
    async () =>
      (await leases.readNamespacedLease({ namespace: operatorNamespace, name: namespace })).spec
        ?.holderIdentity,
    isPresent,
  );
  const [leader, follower] =
    lease.startsWith(`${first.pid}`) || lease.endsWith(`_${first.pid}`) ? [first, second] : [second, first];
  await waitFor('the leader to log it', async () => becameLeader(leader.logs), isTrue);
  assert.ok(!becameLeader(follower.logs), 'the follower waits');

  await meshApi.create(namespace, 'before', { replicas: 1, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'before'), 1);

  leader.child.kill('SIGKILL');
  // How fast is bench/leaderHandover.ts's (target 20 s); this bound only ends a hung test.
  await waitFor('the follower to take over', async () => becameLeader(follower.logs), isTrue, {
    timeoutMs: 60_000,
  });
  await meshApi.create(namespace, 'after', { replicas: 1, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'after'), 1);
});

test('an operator killed mid-reconcile: the next one converges every mesh, no duplicates', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const first = await startOperator(plane, namespace, { LEADER_ELECTION: 'false' });
  const names = Array.from({ length: 10 }, (_, i) => `mesh-${i}`);
  await Promise.all(names.map((name) => meshApi.create(namespace, name, { replicas: 2, interval: '10s' })));
  await waitFor(
    'some StatefulSets',
    async () => (await apps.listNamespacedStatefulSet({ namespace })).items.length > 0,
    isTrue,
    {
      intervalMs: 20,
    },
  );
  first.child.kill('SIGKILL');
  await first.exited;
  const second = await startOperator(plane, namespace, { LEADER_ELECTION: 'false' });
  t.after(() => stopAll([second]));
  for (const name of names) await waitReady(() => meshApi.get(namespace, name), 2);
  const sets = await apps.listNamespacedStatefulSet({ namespace });
  assert.deepEqual(sets.items.map((s) => s.metadata?.name).sort(), [...names].sort());
});
