// "A new service costs one folder and one config block": a service added through values alone gets the full
// set of objects from the same templates, wired into the policies of the services it talks to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { environments, render } from '../tools/render.ts';
import { find, mustFind } from './manifests.ts';
import { allowed } from './networkPolicyEvaluator.ts';

const kindsPerStatelessService = [
  'Deployment',
  'Service',
  'ServiceAccount',
  'PodDisruptionBudget',
  'NetworkPolicy',
  'HorizontalPodAutoscaler',
];

for (const env of environments) {
  test(`${env}: one values block adds a stateless service with every object, fenced and scaled`, async () => {
    const manifests = await render(env, {
      services: {
        weather: { replicas: 2, callers: ['countries'], autoscaling: { enabled: true } },
      },
    });
    for (const kind of kindsPerStatelessService)
      assert.ok(find(manifests, kind, 'weather'), `${kind} weather`);

    const weather = mustFind(manifests, 'Deployment', 'weather');
    const [container] = weather.spec.template.spec.containers;
    assert.match(container.image, /\/weather:/);
    assert.ok(container.readinessProbe && container.securityContext.readOnlyRootFilesystem);
    assert.equal(mustFind(manifests, 'HorizontalPodAutoscaler', 'weather').spec.minReplicas, 2);

    const pod = (name: string) => ({
      namespace: 'podmesh',
      namespaceLabels: { 'kubernetes.io/metadata.name': 'podmesh' },
      labels: mustFind(manifests, 'Deployment', name).spec.template.metadata.labels,
      ports: { http: 8080 },
    });
    assert.ok(allowed(manifests, pod('countries'), pod('weather'), 8080), 'its caller reaches it');
    assert.ok(!allowed(manifests, pod('demo'), pod('weather'), 8080), 'nobody else does');
  });
}

test('a StatefulSet service from values gets its headless Service and a claim per pod', async () => {
  const manifests = await render('stage', {
    services: {
      ledger: { kind: 'StatefulSet', replicas: 1, persistence: { mountPath: '/data', size: '2Gi' } },
    },
  });
  const ledger = mustFind(manifests, 'StatefulSet', 'ledger');
  assert.equal(ledger.spec.serviceName, 'ledger-headless');
  assert.equal(mustFind(manifests, 'Service', 'ledger-headless').spec.clusterIP, 'None');
  assert.equal(ledger.spec.volumeClaimTemplates[0].spec.resources.requests.storage, '2Gi');
  assert.equal(find(manifests, 'HorizontalPodAutoscaler', 'ledger'), undefined);
  for (const kind of ['PodDisruptionBudget', 'NetworkPolicy', 'ServiceAccount']) {
    assert.ok(find(manifests, kind, 'ledger'), kind);
  }
});

test('a service block with enabled: false leaves the service out entirely', async () => {
  const manifests = await render('dev', { services: { demo: { enabled: false } } });
  assert.equal(
    manifests.filter((m) => m.metadata.name === 'demo').length,
    0,
    manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(' '),
  );
});

test('a service may override any default, and only for itself', async () => {
  const manifests = await render('dev', {
    services: { counter: { resources: { requests: { cpu: '300m' }, limits: { cpu: '300m' } } } },
  });
  const resources = (name: string) =>
    mustFind(manifests, 'Deployment', name).spec.template.spec.containers[0].resources;
  assert.equal(resources('counter').limits.cpu, '300m');
  assert.equal(resources('counter').limits.memory, resources('users').limits.memory, 'other keys kept');
  assert.notEqual(resources('users').limits.cpu, '300m');
});

test('a misspelt key in a service block is refused by the values schema, not silently ignored', async () => {
  await assert.rejects(
    render('dev', { services: { users: { replica: 5 } } }),
    /at '\/services\/users': additional properties 'replica' not allowed/,
  );
});
