// Leader election under the failures client-go's design guards against, with real operator processes on the
// real API server: a leader whose API calls hang steps down before its lease can expire, and a candidate whose
// clock runs a minute ahead does not take over a lease that is being renewed. Throughout, both processes'
// podmesh_leader gauges are sampled every 100 ms: never both 1.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ServiceProcess, stopAll } from '@podmesh/testkit/processes';
import { startTcpProxy } from '@podmesh/testkit/tcpProxy';
import { createTestNamespace } from '../../test/cluster/controlPlane.ts';
import { kubeconfigVia } from '../../test/cluster/kubeconfig.ts';
import {
  isPresent,
  isTrue,
  operatorIdentity,
  operatorNamespace,
  setUp,
  startOperator,
  waitFor,
  waitReady,
} from './support.ts';

const { plane, leases, meshApi } = await setUp();

async function metric(operator: ServiceProcess, name: string): Promise<number> {
  const text = await (await fetch(`${operator.url}/metrics`)).text();
  // The runtime adds default labels (service, …): `name{…} value`.
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  if (!line) throw new Error(`${operator.name} exports no ${name}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Samples who leads every 100 ms until stopped; returns the moments when both did. */
function sampleLeaders(operators: ServiceProcess[]) {
  let running = true;
  const overlaps: number[] = [];
  let samples = 0;
  const done = (async () => {
    while (running) {
      const leading = await Promise.all(operators.map((o) => metric(o, 'podmesh_leader').catch(() => 0)));
      samples++;
      if (leading.filter((l) => l === 1).length > 1) overlaps.push(Date.now());
      await sleep(100);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { samples, overlaps };
    },
  };
}

const logTime = (operator: ServiceProcess, message: string) => {
  const line = operator.logs.find((l) => l.message === message);
  return line ? Date.parse(String(line.time)) : undefined;
};

test('a leader whose Lease calls hang steps down before the lease expires; then the other leads', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const server = new URL(plane.kubeConfig.getCurrentCluster()?.server ?? '');
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(server.port) });
  t.after(() => proxy.close());
  // The operator's own identity, through the proxy.
  const kubeconfig = kubeconfigVia(
    await operatorIdentity(plane),
    proxy.port,
    join(mkdtempSync(join(tmpdir(), 'leader-')), 'kubeconfig'),
  );
  const leader = await startOperator(plane, namespace, { KUBECONFIG: kubeconfig });
  t.after(() => stopAll([leader]));
  await waitFor('the first to lead', async () => logTime(leader, 'became the leader'), isPresent);
  const follower = await startOperator(plane, namespace);
  t.after(() => stopAll([follower]));
  const sampler = sampleLeaders([leader, follower]);

  proxy.setMode('stall');
  const stalledAt = Date.now();
  const lease = await leases.readNamespacedLease({ namespace: operatorNamespace, name: namespace });
  const lastRenew = new Date(lease.spec?.renewTime ?? 0).getTime();
  const expiresAt = lastRenew + (lease.spec?.leaseDurationSeconds ?? 0) * 1000;
  const steppedDown = await waitFor(
    'the stalled leader to step down',
    async () => logTime(leader, 'lost the lease; stopping work'),
    isPresent,
  );
  const takenOver = await waitFor(
    'the follower to lead',
    async () => logTime(follower, 'became the leader'),
    isPresent,
    { timeoutMs: 30_000 },
  );
  await waitFor(
    'the follower to report it',
    async () => (await metric(follower, 'podmesh_leader')) === 1,
    isTrue,
  );
  const { samples, overlaps } = await sampler.stop();
  console.log(
    `stalled at +0 ms; last renew ${lastRenew - stalledAt} ms; stepped down +${steppedDown - stalledAt} ms; ` +
      `lease expiry +${expiresAt - stalledAt} ms; follower leads +${takenOver - stalledAt} ms; ` +
      `${samples} samples, ${overlaps.length} with two leaders`,
  );
  assert.ok(steppedDown < expiresAt, 'stepped down before the lease expired');
  assert.ok(steppedDown < takenOver, 'stepped down before the other led');
  assert.deepEqual(overlaps, []);

  // The new leader works: a mesh created now gets Ready.
  await meshApi.create(namespace, 'after', { replicas: 1, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'after'), 1);
  proxy.setMode('pass');
});

// libfaketime shifts the whole process's wall clock, as a node with a drifting clock would
// (.ci/install-cluster-deps.sh installs Debian's faketime).
const libfaketime = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const skewAhead = { LD_PRELOAD: libfaketime, FAKETIME: '+60s', FAKETIME_DONT_FAKE_MONOTONIC: '1' };

test('a candidate whose clock runs 60 s ahead does not take a renewed lease: never two leaders', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  assert.ok(existsSync(libfaketime), `${libfaketime} is missing: apt-get install faketime`);
  const first = await startOperator(plane, namespace);
  t.after(() => stopAll([first]));
  await waitFor('the first to lead', async () => logTime(first, 'became the leader'), isPresent);
  const ahead = await startOperator(plane, namespace, skewAhead);
  t.after(() => stopAll([ahead]));
  const sampler = sampleLeaders([first, ahead]);
  // Reconciles happen meanwhile: only the leader's counter moves.
  await meshApi.create(namespace, 'mesh', { replicas: 1, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'mesh'), 1);
  await meshApi.patchSpec(namespace, 'mesh', { replicas: 1, interval: '20s' });
  await sleep(20_000);
  const { samples, overlaps } = await sampler.stop();
  const applies = await Promise.all([first, ahead].map((o) => metric(o, 'podmesh_reconcile_applies_total')));
  const lease = await leases.readNamespacedLease({ namespace: operatorNamespace, name: namespace });
  console.log(
    `${samples} samples, ${overlaps.length} with two leaders; applies: leader ${applies[0]}, skewed ${applies[1]}; ` +
      `holder ${lease.spec?.holderIdentity}, transitions ${lease.spec?.leaseTransitions}`,
  );
  assert.deepEqual(overlaps, []);
  assert.ok(String(lease.spec?.holderIdentity).endsWith(`_${first.pid}`), 'the first still holds the lease');
  assert.ok((applies[0] ?? 0) > 0, 'the leader applied');
  assert.equal(applies[1], 0, 'the skewed candidate never applied');
});
