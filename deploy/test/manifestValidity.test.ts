// The stream `npm run render` prints is what `kubectl apply --server-side` gets: every object a kind the
// target Kubernetes serves (or a CRD the environment installs), namespaced, uniquely named, free of nulls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { environments, lint, namespace, render, renderYaml } from '../tools/render.ts';

// Served by Kubernetes 1.34 itself (no deprecated or removed versions).
const builtIn = new Set([
  'v1/Namespace',
  'v1/ServiceAccount',
  'v1/Service',
  'v1/ConfigMap',
  'v1/Secret',
  'apps/v1/Deployment',
  'apps/v1/StatefulSet',
  'policy/v1/PodDisruptionBudget',
  'autoscaling/v2/HorizontalPodAutoscaler',
  'networking.k8s.io/v1/NetworkPolicy',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/RoleBinding',
]);
// From CRDs: Gateway API (GKE installs it) and GKE's own (Gateway policies, Managed Prometheus).
const fromCrds = new Set([
  'gateway.networking.k8s.io/v1/Gateway',
  'gateway.networking.k8s.io/v1/HTTPRoute',
  'networking.gke.io/v1/GCPBackendPolicy',
  'networking.gke.io/v1/HealthCheckPolicy',
  'monitoring.googleapis.com/v1/PodMonitoring',
  'monitoring.googleapis.com/v1/Rules',
]);

function nullPaths(value: unknown, path: string): string[] {
  if (value === null) return [path];
  if (typeof value !== 'object') return [];
  return Object.entries(value as object).flatMap(([key, child]) => nullPaths(child, `${path}.${key}`));
}

for (const env of environments) {
  test(`${env}: every object is a known kind, in the namespace, uniquely named, without nulls`, async () => {
    const manifests = await render(env);
    const seen = new Set<string>();
    for (const manifest of manifests) {
      const type = `${manifest.apiVersion}/${manifest.kind}`;
      const id = `${type} ${manifest.metadata?.name}`;
      assert.ok(builtIn.has(type) || fromCrds.has(type), `${id}: known kind`);
      assert.match(manifest.metadata.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `${id}: DNS-1123 name`);
      if (manifest.kind === 'Namespace') assert.equal(manifest.metadata.name, namespace);
      else assert.equal(manifest.metadata.namespace, namespace, `${id}: namespaced explicitly`);
      assert.ok(!seen.has(id), `${id}: rendered once`);
      seen.add(id);
      assert.deepEqual(nullPaths(manifest, id), [], 'no null fields');
    }
    assert.equal(manifests[0]?.kind, 'Namespace', 'the namespace comes first, so a plain apply works');
  });

  test(`${env}: helm lint --strict finds nothing`, async () => {
    const output = await lint(env);
    assert.match(output, /1 chart\(s\) linted, 0 chart\(s\) failed/);
    assert.doesNotMatch(output, /\[(WARNING|ERROR)\]/);
  });
}

test('dev renders no cloud-only kinds: it applies to any conformant cluster (kind, minikube)', async () => {
  const manifests = await render('dev');
  const cloudOnly = manifests.filter((m) => fromCrds.has(`${m.apiVersion}/${m.kind}`));
  assert.deepEqual(
    cloudOnly.map((m) => m.kind),
    [],
  );
});

test('the stream is stable: rendering twice gives the same bytes', async () => {
  assert.equal(await renderYaml('prod'), await renderYaml('prod'));
});
