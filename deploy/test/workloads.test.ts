// Every workload of every environment is hardened, probed, sized, budgeted and fenced: checked on the
// rendered manifests, so a template change that drops any of it fails here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { environments, type Manifest, render } from '../tools/render.ts';
import { containers, podLabels, selects, workloads } from './manifests.ts';

// These two read the API (service discovery, object state); nothing else gets a token.
const needsApiToken = new Set(['prometheus', 'kube-state-metrics']);

function cpuMillis(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;
}

function checkWorkload(manifests: Manifest[], workload: Manifest): void {
  const name = workload.metadata.name;
  const pod = workload.spec.template.spec;
  const labels = podLabels(workload);

  assert.equal(pod.securityContext.runAsNonRoot, true, `${name}: pod runAsNonRoot`);
  assert.equal(pod.securityContext.seccompProfile?.type, 'RuntimeDefault', `${name}: pod seccomp`);
  assert.equal(
    pod.automountServiceAccountToken,
    needsApiToken.has(name),
    `${name}: API token only if needed`,
  );
  const account = manifests.find(
    (m) => m.kind === 'ServiceAccount' && m.metadata.name === pod.serviceAccountName,
  );
  assert.ok(account, `${name}: its ServiceAccount ${pod.serviceAccountName} is rendered`);
  assert.equal(account.automountServiceAccountToken, false, `${name}: ServiceAccount does not mount tokens`);

  for (const container of containers(workload)) {
    const where = `${name}/${container.name}`;
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      assert.ok(container[probe]?.httpGet?.path, `${where}: ${probe}`);
    }
    // docs/adr/0081: a CPU request and no CPU limit (no CFS throttling); memory request = limit.
    const { requests, limits } = container.resources ?? {};
    assert.ok(cpuMillis(requests?.cpu) > 0, `${where}: a real CPU request`);
    assert.equal(limits?.cpu, undefined, `${where}: no CPU limit`);
    assert.ok(requests?.memory, `${where}: a memory request`);
    assert.equal(requests.memory, limits?.memory, `${where}: memory request = limit`);
    const security = container.securityContext ?? {};
    assert.equal(security.runAsNonRoot, true, `${where}: runAsNonRoot`);
    assert.equal(security.readOnlyRootFilesystem, true, `${where}: read-only root`);
    assert.equal(security.allowPrivilegeEscalation, false, `${where}: no privilege escalation`);
    assert.deepEqual(security.capabilities?.drop, ['ALL'], `${where}: drops ALL capabilities`);
    assert.equal(security.seccompProfile?.type, 'RuntimeDefault', `${where}: seccomp RuntimeDefault`);
  }

  const budgets = manifests.filter(
    (m) => m.kind === 'PodDisruptionBudget' && selects(m.spec.selector.matchLabels, labels),
  );
  assert.equal(budgets.length, 1, `${name}: exactly one PodDisruptionBudget`);

  const ownPolicies = manifests.filter(
    (m) =>
      m.kind === 'NetworkPolicy' &&
      Object.keys(m.spec.podSelector.matchLabels ?? {}).length > 0 &&
      selects(m.spec.podSelector.matchLabels, labels),
  );
  assert.equal(ownPolicies.length, 1, `${name}: exactly one NetworkPolicy of its own`);

  if (workload.kind === 'Deployment') {
    assert.equal(workload.spec.strategy.rollingUpdate.maxUnavailable, 0, `${name}: maxUnavailable 0`);
  }
}

for (const env of environments) {
  describe(`${env}: every workload`, async () => {
    const manifests = await render(env);
    const rendered = workloads(manifests);

    test('includes every podmesh service and the monitoring stack', () => {
      const names = rendered.map((w) => w.metadata.name).sort();
      for (const expected of [
        'counter',
        'countries',
        'demo',
        'kv',
        'users',
        'prometheus',
        'kube-state-metrics',
      ]) {
        assert.ok(names.includes(expected), `${expected} is rendered (got ${names.join(', ')})`);
      }
    });

    for (const workload of rendered) {
      test(`${workload.kind} ${workload.metadata.name} has probes, resources, security, PDB, NetworkPolicy`, () =>
        checkWorkload(manifests, workload));
    }

    test('a namespace-wide default deny exists, leaving only DNS out', () => {
      const deny = manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'default-deny');
      assert.ok(deny);
      assert.deepEqual(deny.spec.podSelector, {});
      assert.deepEqual(deny.spec.policyTypes, ['Ingress', 'Egress']);
      assert.equal(deny.spec.ingress, undefined, 'no ingress rule: nothing gets in');
      assert.deepEqual(
        deny.spec.egress.flatMap((rule: { ports: Array<{ port: number }> }) => rule.ports.map((p) => p.port)),
        [53, 53],
      );
    });

    test('the namespace enforces, audits and warns at the restricted Pod Security level', () => {
      const namespace = manifests.find((m) => m.kind === 'Namespace');
      assert.ok(namespace);
      for (const mode of ['enforce', 'audit', 'warn']) {
        assert.equal(namespace.metadata.labels?.[`pod-security.kubernetes.io/${mode}`], 'restricted');
      }
    });
  });
}
