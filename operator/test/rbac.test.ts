// The operator's RBAC against what it really asks for. Two operators run as their ServiceAccount with exactly
// the rules deploy/operator/rbac.yaml renders, through every code path that talks to the API (create, spec
// change, a child deleted and restored, Events, Lease create / renew / release / takeover). The API server's
// audit log (the test control plane records this user's requests) is the oracle: every verb the rules grant
// must appear in it, and no request may have been refused.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { NetworkingV1Api } from '@kubernetes/client-node';
import { repoRoot, stopAll } from '@podmesh/testkit/processes';
import { parseAllDocuments } from 'yaml';
import { auditedUser, auditLogPath } from '../../test/cluster/components/kubeApiserver.ts';
import { createTestNamespace } from '../../test/cluster/controlPlane.ts';
import { stateDir } from '../../test/cluster/paths.ts';
import { isPresent, isTrue, readyCondition, setUp, startOperator, waitFor, waitReady } from './support.ts';

const { plane, meshApi } = await setUp();
const networking = plane.kubeConfig.makeApiClient(NetworkingV1Api);

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** `group resource verb` for every grant of the operator's ClusterRole and Role. */
function granted(): Set<string> {
  const docs = parseAllDocuments(readFileSync(`${repoRoot}deploy/operator/rbac.yaml`, 'utf8')).map((d) =>
    d.toJS(),
  );
  const roles = docs.filter(
    (d) => (d.kind === 'ClusterRole' || d.kind === 'Role') && d.metadata.name.startsWith('podmesh-operator'),
  );
  const grants = new Set<string>();
  for (const rule of roles.flatMap((r) => r.rules as Rule[]))
    for (const group of rule.apiGroups)
      for (const resource of rule.resources)
        for (const verb of rule.verbs) grants.add(`${group} ${resource} ${verb}`);
  return grants;
}

/**
 * Grants no request shows, because the API server checks them on our behalf:
 * - `update peermeshes/finalizers`: the OwnerReferencesPermissionEnforcement admission plugin (where it is on)
 *   checks it before admitting children whose owner reference blocks the owner's deletion;
 * - `get configmaps`: the peers' Role grants it, and RBAC refuses to let anyone grant what it does not hold
 *   (without it the Role's apply is refused and no mesh gets Ready: tried, 60 s timeout).
 */
const notARequest = new Set(['podmesh.dev peermeshes/finalizers update', ' configmaps get']);

interface AuditEvent {
  verb: string;
  user: { username: string };
  objectRef?: {
    apiGroup?: string;
    resource?: string;
    subresource?: string;
    namespace?: string;
    name?: string;
  };
  responseStatus?: { code?: number };
  requestURI: string;
  requestReceivedTimestamp: string;
}

function auditedSince(since: string): AuditEvent[] {
  const path = auditLogPath(stateDir());
  assert.ok(
    existsSync(path),
    `no audit log at ${path}: the control plane predates auditing (npm run cluster:down)`,
  );
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEvent)
    .filter((e) => e.user.username === auditedUser && e.requestReceivedTimestamp >= since);
}

test('the operator uses every verb its RBAC grants, and is refused none', async (t) => {
  const since = new Date().toISOString();
  const namespace = await createTestNamespace(t, plane);
  const first = await startOperator(plane, namespace);
  t.after(() => stopAll([first]));
  await waitFor(
    'the first to lead',
    async () => first.logs.some((l) => l.message === 'became the leader'),
    isTrue,
  );
  const second = await startOperator(plane, namespace);
  t.after(() => stopAll([second]));

  await meshApi.create(namespace, 'mesh', { replicas: 1, interval: '10s' });
  await waitReady(() => meshApi.get(namespace, 'mesh'), 1);
  await meshApi.patchSpec(namespace, 'mesh', { replicas: 1, interval: '20s' });
  await waitReady(() => meshApi.get(namespace, 'mesh'), 1);
  await networking.deleteNamespacedNetworkPolicy({ namespace, name: 'mesh' });
  await waitFor(
    'the NetworkPolicy back',
    () => networking.readNamespacedNetworkPolicy({ namespace, name: 'mesh' }),
    isPresent,
  );
  // Graceful stop releases the Lease; the other takes over and applies everything once.
  await first.stop();
  await waitFor(
    'the second to lead',
    async () => second.logs.some((l) => l.message === 'became the leader'),
    isTrue,
  );
  await meshApi.patchSpec(namespace, 'mesh', { replicas: 1, interval: '30s' });
  await waitFor(
    'the new leader to apply',
    async () => {
      const mesh = await meshApi.get(namespace, 'mesh');
      return (
        mesh.status?.observedGeneration === mesh.metadata?.generation &&
        readyCondition(mesh)?.status === 'True'
      );
    },
    isTrue,
  );
  await second.stop();

  const events = await waitFor(
    'the audit log to hold the release',
    async () => {
      const found = auditedSince(since);
      return found.some((e) => e.objectRef?.resource === 'leases' && e.verb === 'update') ? found : undefined;
    },
    isPresent,
  );
  const used = new Set<string>();
  const refused: string[] = [];
  const discovery = new Set<string>();
  for (const e of events) {
    if (e.responseStatus?.code === 403) refused.push(`${e.verb} ${e.requestURI}`);
    // Discovery (KubernetesObjectApi looks resources up), granted to every authenticated user by system:discovery.
    if (!e.objectRef) {
      discovery.add(e.requestURI.split('?')[0] ?? '');
      continue;
    }
    const ref = e.objectRef;
    const resource = ref.subresource ? `${ref.resource}/${ref.subresource}` : ref.resource;
    used.add(`${ref.apiGroup ?? ''} ${resource} ${e.verb}`);
    // A server-side apply that creates the object is a patch the API server authorizes as create too.
    if (e.verb === 'patch' && e.responseStatus?.code === 201)
      used.add(`${ref.apiGroup ?? ''} ${resource} create`);
  }
  const grants = granted();
  const unused = [...grants].filter((g) => !used.has(g) && !notARequest.has(g)).sort();
  const missing = [...used].filter((u) => !grants.has(u)).sort();
  console.log(`${events.length} audited requests; verbs used: ${[...used].sort().join(', ')}`);
  console.log(`discovery: ${[...discovery].sort().join(', ')}`);
  assert.deepEqual(refused, [], 'requests the API server refused');
  assert.deepEqual(missing, [], 'requests made without a grant');
  assert.deepEqual(unused, [], 'grants no request used');
});
