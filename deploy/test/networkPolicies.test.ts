// Who can talk to whom, evaluated over the rendered NetworkPolicies of every environment.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { deployDir, environments, type Manifest, namespace, render } from '../tools/render.ts';
import { containers, mustFind, podLabels } from './manifests.ts';
import { allowed, type Endpoint, type PodEndpoint } from './networkPolicyEvaluator.ts';

const namespaceLabels = { 'kubernetes.io/metadata.name': namespace };

function podOf(manifests: Manifest[], kind: string, name: string): PodEndpoint {
  const workload = mustFind(manifests, kind, name);
  const ports: Record<string, number> = {};
  for (const container of containers(workload)) {
    for (const port of container.ports ?? []) ports[port.name] = port.containerPort;
  }
  return { namespace, namespaceLabels, labels: podLabels(workload), ports };
}

const loadBalancer: Endpoint = { ip: '35.191.10.20' }; // a Google front end / health checker
const internet: Endpoint = { ip: '203.0.113.7' };
const kubeDns: PodEndpoint = {
  namespace: 'kube-system',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
  labels: { 'k8s-app': 'kube-dns' },
};
const managedCollector: PodEndpoint = {
  namespace: 'gmp-system',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'gmp-system' },
  labels: { 'app.kubernetes.io/name': 'collector' },
};

for (const env of environments) {
  describe(`${env}: network policies`, async () => {
    const manifests = await render(env);
    const pod = (name: string) => podOf(manifests, name === 'kv' ? 'StatefulSet' : 'Deployment', name);
    const [users, countries, kv, counter, demo, prometheus] = [
      'users',
      'countries',
      'kv',
      'counter',
      'demo',
      'prometheus',
    ].map(pod) as [PodEndpoint, PodEndpoint, PodEndpoint, PodEndpoint, PodEndpoint, PodEndpoint];
    const can = (from: Endpoint, to: Endpoint, port: number) => allowed(manifests, from, to, port);

    test('users accepts only countries (HTTP and gRPC) and Prometheus', () => {
      assert.ok(can(countries, users, 8080));
      assert.ok(can(countries, users, 9090));
      for (const other of [counter, demo, kv, users]) assert.ok(!can(other, users, 8080));
      assert.ok(can(prometheus, users, 8080));
      assert.ok(!can(prometheus, users, 9090), 'Prometheus gets the metrics port only');
    });

    test('kv accepts only counter on gRPC; its HTTP port (metrics) only Prometheus', () => {
      assert.ok(can(counter, kv, 9090));
      assert.ok(!can(counter, kv, 8080));
      for (const other of [countries, users, demo]) assert.ok(!can(other, kv, 9090));
      assert.ok(can(prometheus, kv, 8080));
    });

    test('pods open connections only to the services they call, and DNS', () => {
      assert.ok(!can(users, countries, 8080));
      assert.ok(!can(demo, users, 8080));
      assert.ok(!can(countries, counter, 8080));
      for (const each of [users, countries, kv, counter, demo]) {
        assert.ok(can(each, kubeDns, 53), 'name lookups work');
        assert.ok(!can(each, internet, 443), 'no way out');
      }
    });

    test('from outside, only the public services, through the load balancer', () => {
      assert.ok(can(loadBalancer, countries, 8080));
      assert.ok(can(loadBalancer, demo, 8080));
      for (const internal of [users, kv, counter]) assert.ok(!can(loadBalancer, internal, 8080));
      assert.ok(!can(internet, countries, 8080), 'not around the load balancer');
    });

    test('Managed Prometheus collectors scrape where it is on, and only there', () => {
      const managed = env !== 'dev';
      assert.equal(can(managedCollector, users, 8080), managed);
      assert.equal(can(managedCollector, kv, 9090), false);
    });
  });
}

test('peers reach only their own mesh: the chart opens egress, the operator admits same-mesh ingress', async () => {
  const manifests = await render('dev');
  const peer = (mesh: string): PodEndpoint => ({
    namespace,
    namespaceLabels,
    labels: { 'app.kubernetes.io/name': 'peer', 'podmesh.dev/mesh': mesh },
    ports: { http: 8080 },
  });
  // The ingress policy the operator creates for each mesh (operator/src/children.ts).
  const operatorPolicy = (mesh: string): Manifest => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: mesh, namespace },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'peer', 'podmesh.dev/mesh': mesh } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'peer', 'podmesh.dev/mesh': mesh } } },
          ],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
    },
  });
  const withOperator = [...manifests, operatorPolicy('blue'), operatorPolicy('green')];
  assert.ok(allowed(withOperator, peer('blue'), peer('blue'), 8080));
  assert.ok(!allowed(withOperator, peer('green'), peer('blue'), 8080), 'not across meshes');
  assert.ok(!allowed(withOperator, podOf(manifests, 'Deployment', 'countries'), peer('blue'), 8080));
  assert.ok(!allowed(withOperator, peer('blue'), podOf(manifests, 'Deployment', 'users'), 8080));
  const without = await render('dev', { networkPolicy: { peerMeshes: false } });
  assert.ok(
    !allowed([...without, operatorPolicy('blue')], peer('blue'), peer('blue'), 8080),
    'the hook is what opens it',
  );
});

test("Prometheus reaches the operator's metrics once its namespace is listed, through the operator's own policy", async () => {
  const operatorManifests: Manifest[] = parseAllDocuments(
    readFileSync(join(deployDir, 'operator', 'operator.yaml'), 'utf8'),
  ).map((document) => document.toJSON());
  const operatorPolicy = mustFind(operatorManifests, 'NetworkPolicy', 'podmesh-operator');
  const operator: PodEndpoint = {
    namespace: 'podmesh-system',
    namespaceLabels: { 'kubernetes.io/metadata.name': 'podmesh-system' },
    labels: podLabels(mustFind(operatorManifests, 'Deployment', 'podmesh-operator')),
    ports: { http: 8080 },
  };
  const listed = [
    ...(await render('dev', { monitoring: { prometheus: { extraNamespaces: ['podmesh-system'] } } })),
    operatorPolicy,
  ];
  assert.ok(allowed(listed, podOf(listed, 'Deployment', 'prometheus'), operator, 8080));
  assert.ok(!allowed(listed, podOf(listed, 'Deployment', 'countries'), operator, 8080), 'nobody else');
  const unlisted = [...(await render('dev')), operatorPolicy];
  assert.ok(
    !allowed(unlisted, podOf(unlisted, 'Deployment', 'prometheus'), operator, 8080),
    'not without the value: its egress stays in its namespace',
  );
});

test('the evaluator itself: open without policies, closed by a deny-all, reopened by a matching rule', () => {
  const a: PodEndpoint = { namespace: 'n', namespaceLabels: {}, labels: { app: 'a' } };
  const b: PodEndpoint = { namespace: 'n', namespaceLabels: {}, labels: { app: 'b' } };
  const policy = (spec: object): Manifest => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace: 'n' },
    spec,
  });
  const denyAll = policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  const aToB = policy({
    podSelector: { matchLabels: { app: 'a' } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 80 }] }],
  });
  const bFromA = policy({
    podSelector: { matchLabels: { app: 'b' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }],
  });
  assert.ok(allowed([], a, b, 80));
  assert.ok(!allowed([denyAll], a, b, 80));
  assert.ok(!allowed([denyAll, aToB], a, b, 80), 'egress alone is not enough');
  assert.ok(allowed([denyAll, aToB, bFromA], a, b, 80));
  assert.ok(!allowed([denyAll, aToB, bFromA], a, b, 81), 'port outside the rule');
  assert.ok(!allowed([denyAll, aToB, bFromA], b, a, 80), 'not the other way round');
});
