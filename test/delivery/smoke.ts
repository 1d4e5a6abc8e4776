// e2e smoke checks, run by the CI workflow against the kind cluster it just built (see docs/delivery.md):
//   node test/delivery/smoke.ts countries            countries answers, through users, from inside the cluster
//   node test/delivery/smoke.ts peermesh <image>     a PeerMesh of 3 becomes ready and its pods log pongs
//   node test/delivery/smoke.ts replicas users 5     the Deployment has 5 ready pods and countries still answers
import assert from 'node:assert/strict';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { kubectl, kubectlJson, withPortForward } from './kubectl.ts';

const namespace = process.env.PODMESH_NAMESPACE ?? 'podmesh';
// The mesh gets a namespace of its own: only the operator's NetworkPolicy applies to it, not the chart's.
const meshNamespace = process.env.PEERMESH_NAMESPACE ?? 'podmesh-smoke';

type Owned = { metadata: { ownerReferences?: { kind: string; name: string }[] } };
type StatefulSet = Owned & { spec: { selector: { matchLabels: Record<string, string> } } };
type PeerMesh = { status?: { readyReplicas?: number } };

/** A bounded burst (count and time) of lookups; every one must succeed with the contract's body. */
async function countriesAnswers(requests: number): Promise<void> {
  await withPortForward(namespace, 'svc/countries', 8080, async (baseUrl) => {
    await waitFor('countries to answer', async () => (await fetch(`${baseUrl}/readyz`)).ok, isTrue, {
      timeoutMs: 60_000,
    });
    for (let i = 0; i < requests; i++) {
      const userId = String(1000 + i);
      const response = await fetch(`${baseUrl}/countries?user_id=${userId}`, {
        signal: AbortSignal.timeout(5000),
      });
      const body = (await response.json()) as Record<string, unknown>;
      assert.equal(response.status, 200, `GET /countries?user_id=${userId}: ${JSON.stringify(body)}`);
      assert.equal(body.user_id, userId);
      assert.match(String(body.name), /^\S+ \S+/, 'a "First Last" name from users');
      assert.ok(typeof body.country === 'string' && body.country.length > 0, 'a country');
    }
    const invalid = await fetch(`${baseUrl}/countries?user_id=abc`, { signal: AbortSignal.timeout(5000) });
    assert.equal(invalid.status, 400);
  });
  console.log(`[smoke] countries answered ${requests} lookups`);
}

async function peerMeshLogsPongs(image: string): Promise<void> {
  const name = 'smoke';
  const labels = { 'pod-security.kubernetes.io/enforce': 'restricted' };
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: meshNamespace, labels } };
  await kubectl(['apply', '-f', '-'], JSON.stringify(ns));
  const mesh = {
    apiVersion: 'podmesh.dev/v1alpha1',
    kind: 'PeerMesh',
    metadata: { name, namespace: meshNamespace },
  };
  await kubectl(
    ['apply', '-f', '-'],
    JSON.stringify({ ...mesh, spec: { replicas: 3, interval: '2s', image } }),
  );
  await waitFor(
    'PeerMesh smoke to report 3 ready replicas',
    async () => {
      const current = await kubectlJson<PeerMesh>(['get', 'peermesh', name, '-n', meshNamespace]);
      return current.status?.readyReplicas === 3;
    },
    isTrue,
    { timeoutMs: 180_000, intervalMs: 2000 },
  );
  // Find the pods through the StatefulSet the operator owns, whatever it names them.
  const sets = await kubectlJson<{ items: StatefulSet[] }>(['get', 'statefulsets', '-n', meshNamespace]);
  const set = sets.items.find((item) =>
    item.metadata.ownerReferences?.some((owner) => owner.kind === 'PeerMesh' && owner.name === name),
  );
  assert.ok(set, 'the operator created a StatefulSet owned by the PeerMesh');
  const selector = Object.entries(set.spec.selector.matchLabels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  await waitFor(
    'a pong from another member in the mesh logs',
    async () => {
      const logs = await kubectl(['logs', '-n', meshNamespace, '-l', selector, '--tail=200', '--prefix']);
      return logs.split('\n').some((line) => {
        const json = line.slice(line.indexOf('{'));
        if (!json.startsWith('{')) return false;
        const entry = JSON.parse(json) as { message?: string; responder?: string };
        return (
          entry.message === 'pong' &&
          typeof entry.responder === 'string' &&
          !line.includes(`/${entry.responder}/`)
        );
      });
    },
    isTrue,
    { timeoutMs: 60_000, intervalMs: 2000 },
  );
  console.log('[smoke] PeerMesh smoke: 3 ready, pongs logged');
}

async function deploymentHasReplicas(deployment: string, replicas: number): Promise<void> {
  await waitFor(
    `${deployment} to have ${replicas} ready replicas`,
    async () => {
      const current = await kubectlJson<{ status: { readyReplicas?: number } }>([
        'get',
        'deployment',
        deployment,
        '-n',
        namespace,
      ]);
      return current.status.readyReplicas === replicas;
    },
    isTrue,
    { timeoutMs: 180_000, intervalMs: 2000 },
  );
  console.log(`[smoke] ${deployment}: ${replicas} ready replicas`);
  await countriesAnswers(4 * replicas);
}

const [check, ...args] = process.argv.slice(2);
if (check === 'countries') await countriesAnswers(20);
else if (check === 'peermesh' && args[0]) await peerMeshLogsPongs(args[0]);
else if (check === 'replicas' && args[0] && args[1]) await deploymentHasReplicas(args[0], Number(args[1]));
else {
  console.error('usage: smoke.ts countries | peermesh <image> | replicas <deployment> <count>');
  process.exit(2);
}
