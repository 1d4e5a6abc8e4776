// The way in from outside: on GKE, routes for the public services only, every request logged by the load
// balancer, and backends health-checked on /readyz (the load balancer's default "/" would 404 here).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { render } from '../tools/render.ts';
import { mustFind } from './manifests.ts';

const hostnames = { stage: ['stage.podmesh.example.com'], prod: ['podmesh.example.com'] };

for (const env of ['stage', 'prod'] as const) {
  describe(`${env}: GKE Gateway`, async () => {
    const manifests = await render(env);
    const routes = manifests.filter((m) => m.kind === 'HTTPRoute');

    test('one global external Gateway on a reserved address', () => {
      const gateway = mustFind(manifests, 'Gateway', 'podmesh');
      assert.equal(gateway.spec.gatewayClassName, 'gke-l7-global-external-managed');
      assert.equal(gateway.spec.addresses[0].type, 'NamedAddress');
    });

    test('only countries and demo are routed, under their own paths and hostnames', () => {
      const routed = routes.map((route) => ({
        backend: route.spec.rules[0].backendRefs[0].name,
        path: route.spec.rules[0].matches[0].path.value,
        hostnames: route.spec.hostnames,
        parent: route.spec.parentRefs[0].name,
      }));
      assert.deepEqual(routed, [
        { backend: 'countries', path: '/countries', hostnames: hostnames[env], parent: 'podmesh' },
        { backend: 'demo', path: '/demo', hostnames: hostnames[env], parent: 'podmesh' },
      ]);
    });

    test('every routed Service logs every request at the load balancer and is checked on /readyz', () => {
      for (const route of routes) {
        const service = route.spec.rules[0].backendRefs[0].name as string;
        const backend = mustFind(manifests, 'GCPBackendPolicy', service);
        assert.deepEqual(backend.spec.targetRef, { group: '', kind: 'Service', name: service });
        assert.deepEqual(backend.spec.default.logging, { enabled: true, sampleRate: 1_000_000 });
        const health = mustFind(manifests, 'HealthCheckPolicy', service);
        assert.deepEqual(health.spec.targetRef, { group: '', kind: 'Service', name: service });
        assert.equal(health.spec.default.config.httpHealthCheck.requestPath, '/readyz');
        assert.equal(health.spec.default.config.httpHealthCheck.port, 8080);
      }
    });
  });
}

test('prod terminates HTTPS with its certificate; stage serves HTTP only', async () => {
  const listeners = async (env: 'stage' | 'prod') =>
    mustFind(await render(env), 'Gateway', 'podmesh').spec.listeners.map(
      (l: { protocol: string }) => l.protocol,
    );
  assert.deepEqual(await listeners('prod'), ['HTTP', 'HTTPS']);
  assert.deepEqual(await listeners('stage'), ['HTTP']);
});
