// What each podmesh service needs in a cluster: replica counts, client-balanced headless targets, the kv
// volume, drain timing, spreading, images per environment, autoscaling that does not fight the scale value.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { environments, render } from '../tools/render.ts';
import { containers, envOf, mustFind, replicaFloor } from './manifests.ts';

const images = {
  dev: /^podmesh\/[a-z-]+:dev$/,
  stage: /^europe-west1-docker\.pkg\.dev\/podmesh-stage\/podmesh\/[a-z-]+:0\.1\.0$/,
  prod: /^europe-west1-docker\.pkg\.dev\/podmesh-prod\/podmesh\/[a-z-]+:0\.1\.0$/,
};

/** `dns:///name:port` → the Service named and the port, which must exist on it. */
function assertTargetResolves(
  manifests: Awaited<ReturnType<typeof render>>,
  target: string | undefined,
): void {
  const match = /^dns:\/\/\/([a-z0-9-]+):(\d+)$/.exec(target ?? '');
  assert.ok(match, `a dns:/// target, got ${target}`);
  const service = mustFind(manifests, 'Service', match[1] as string);
  assert.equal(service.spec.clusterIP, 'None', `${service.metadata.name} is headless: clients see every pod`);
  const ports = service.spec.ports.map((p: { port: number }) => p.port);
  assert.ok(ports.includes(Number(match[2])), `${service.metadata.name} exposes ${match[2]}`);
}

for (const env of environments) {
  describe(`${env}: podmesh services`, async () => {
    const manifests = await render(env);
    const deployment = (name: string) => mustFind(manifests, 'Deployment', name);

    test('replicas: users 2, countries 3, counter and demo at least 2, kv exactly 1', () => {
      assert.equal(replicaFloor(manifests, deployment('users')), 2);
      assert.equal(replicaFloor(manifests, deployment('countries')), 3);
      assert.ok(replicaFloor(manifests, deployment('counter')) >= 2);
      assert.ok(replicaFloor(manifests, deployment('demo')) >= 2);
      assert.equal(mustFind(manifests, 'StatefulSet', 'kv').spec.replicas, 1);
    });

    test('countries balances over users-headless, counter over kv-headless', () => {
      const [countries] = containers(deployment('countries'));
      const [counter] = containers(deployment('counter'));
      assert.ok(countries && counter);
      assertTargetResolves(manifests, envOf(countries, 'USERS_TARGET'));
      assertTargetResolves(manifests, envOf(counter, 'KV_TARGET'));
    });

    test('kv is a single-writer StatefulSet whose data lives on a claim mounted at KV_DATA_DIR', () => {
      const kv = mustFind(manifests, 'StatefulSet', 'kv');
      assert.equal(kv.spec.serviceName, 'kv-headless');
      const [claim] = kv.spec.volumeClaimTemplates;
      assert.deepEqual(claim.spec.accessModes, ['ReadWriteOnce']);
      const [container] = containers(kv);
      assert.ok(container);
      const mount = container.volumeMounts.find((m: { name: string }) => m.name === claim.metadata.name);
      assert.equal(mount.mountPath, envOf(container, 'KV_DATA_DIR'));
      assert.equal(
        manifests.some((m) => m.kind === 'HorizontalPodAutoscaler' && m.spec.scaleTargetRef.name === 'kv'),
        false,
        'no autoscaler on the single writer',
      );
    });

    for (const name of ['users', 'countries', 'kv', 'counter', 'demo']) {
      test(`${name}: binds 0.0.0.0, drains before exit, spreads over zones and nodes, runs its image`, () => {
        const workload = manifests.find(
          (m) => (m.kind === 'Deployment' || m.kind === 'StatefulSet') && m.metadata.name === name,
        );
        assert.ok(workload);
        const [container] = containers(workload);
        assert.ok(container);
        assert.equal(envOf(container, 'HOST'), '0.0.0.0');
        const drain = Number(envOf(container, 'DRAIN_DELAY_MS'));
        const shutdown = Number(envOf(container, 'SHUTDOWN_TIMEOUT_MS'));
        assert.ok(drain >= 5000, 'long enough for endpoints and load balancers to drop the pod');
        assert.ok(workload.spec.template.spec.terminationGracePeriodSeconds * 1000 > drain + shutdown);
        const keys = workload.spec.template.spec.topologySpreadConstraints.map(
          (c: { topologyKey: string }) => c.topologyKey,
        );
        assert.deepEqual(keys, ['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
        assert.match(container.image, images[env]);
        assert.ok(container.image.endsWith(`/${name}:${container.image.split(':').at(-1)}`));
      });
    }

    test('users, balanced per request from DNS, drains until the cluster DNS no longer lists it', () => {
      // countries re-resolves when a users pod refuses; the pod must be out of DNS once it stops listening:
      // the EndpointSlice update (~1 s) plus the answer's TTL (CoreDNS's kubernetes plugin: 5 s).
      const [container] = containers(deployment('users'));
      assert.ok(container);
      assert.ok(Number(envOf(container, 'DRAIN_DELAY_MS')) > 6000);
    });

    test("an HPA alone owns its Deployment's count, its ceiling never below its floor", () => {
      const autoscalers = manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler');
      assert.ok(
        autoscalers.some((hpa) => hpa.spec.scaleTargetRef.name === 'demo'),
        'demo autoscales everywhere',
      );
      for (const hpa of autoscalers) {
        assert.equal(hpa.apiVersion, 'autoscaling/v2');
        assert.ok(hpa.spec.maxReplicas >= hpa.spec.minReplicas);
        const target = deployment(hpa.spec.scaleTargetRef.name);
        assert.equal(target.spec.replicas, undefined, 'the HPA alone owns the replica count');
      }
    });
  });
}

test('stage and prod autoscale every stateless service; dev leaves scaling to kubectl but for demo', async () => {
  for (const env of environments) {
    const manifests = await render(env);
    const scaled = manifests
      .filter((m) => m.kind === 'HorizontalPodAutoscaler')
      .map((m) => m.metadata.name)
      .sort();
    const expected = env === 'dev' ? ['demo'] : ['counter', 'countries', 'demo', 'users'];
    assert.deepEqual(scaled, expected, env);
  }
});

test('scaling users to 5 is one value, and leaves every other service as it was', async () => {
  for (const env of environments) {
    const before = await render(env);
    const after = await render(env, { services: { users: { replicas: 5 } } });
    assert.equal(replicaFloor(after, mustFind(after, 'Deployment', 'users')), 5, env);
    for (const other of ['countries', 'counter', 'demo']) {
      assert.equal(
        replicaFloor(after, mustFind(after, 'Deployment', other)),
        replicaFloor(before, mustFind(before, 'Deployment', other)),
        `${env}: ${other} unchanged`,
      );
    }
  }
});

test('each service can be pinned to its own digest (how CI deploys a release), the tag kept for people', async () => {
  const digest = `sha256:${'a1'.repeat(32)}`;
  const manifests = await render('prod', { services: { users: { image: { digest } } } });
  const image = (name: string) => containers(mustFind(manifests, 'Deployment', name))[0]?.image;
  assert.equal(image('users'), `europe-west1-docker.pkg.dev/podmesh-prod/podmesh/users:0.1.0@${digest}`);
  assert.equal(image('countries'), 'europe-west1-docker.pkg.dev/podmesh-prod/podmesh/countries:0.1.0');
  await assert.rejects(render('prod', { image: { digest: 'latest' } }), /digest/);
});
