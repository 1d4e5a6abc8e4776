// docs/deploy.md's commands, run against a real API server (test/cluster, kwok nodes): create the namespace from
// the chart, helm install (adopting it), scale users to 5 with one value, roll a new tag out and roll it back.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { useControlPlane } from '../../test/cluster/controlPlane.ts';
import { ensureHelm } from '../tools/helm.ts';
import { chartDir, deployDir, releaseName } from '../tools/render.ts';

const exec = promisify(execFile);
const plane = await useControlPlane();
const helmBinary = await ensureHelm();
const namespace = `podmesh-helm-${randomBytes(3).toString('hex')}`;
after(() => plane.kubectl(['delete', 'namespace', namespace, '--wait=false']));

async function helm(...args: string[]): Promise<string> {
  const { stdout } = await exec(helmBinary, [
    `--kubeconfig=${plane.kubeconfigPath}`,
    '-n',
    namespace,
    ...args,
  ]);
  return stdout;
}

const values = (env: string) => ['-f', `${deployDir}/envs/${env}.yaml`];

async function deployment(name: string): Promise<{ replicas: number; available: number; image: string }> {
  const result = await plane.kubectl(['get', 'deployment', name, '-n', namespace, '-o', 'json']);
  assert.equal(result.code, 0, result.stderr);
  const object = JSON.parse(result.stdout);
  return {
    replicas: object.spec.replicas,
    available: object.status.availableReplicas ?? 0,
    image: object.spec.template.spec.containers[0].image,
  };
}

test('install: the namespace from the chart, then helm adopts it', async () => {
  const namespaceYaml = await helm(
    'template',
    releaseName,
    chartDir,
    '--show-only',
    'templates/namespace.yaml',
  );
  const created = await plane.kubectl(['apply', '-f', '-'], namespaceYaml);
  assert.equal(created.code, 0, created.stderr);
  await helm('upgrade', '--install', releaseName, chartDir, ...values('dev'));
  const labels = await plane.kubectl(['get', 'namespace', namespace, '-o', 'jsonpath={.metadata.labels}']);
  assert.equal(JSON.parse(labels.stdout)['pod-security.kubernetes.io/enforce'], 'restricted');
  await waitFor('users available', async () => (await deployment('users')).available === 2, isTrue);
});

test('scale users to 5 with one value; the other services keep their counts', async () => {
  await helm(
    'upgrade',
    releaseName,
    chartDir,
    ...values('dev'),
    '--reuse-values',
    '--set',
    'services.users.replicas=5',
  );
  await waitFor('5 users available', async () => (await deployment('users')).available === 5, isTrue);
  assert.equal((await deployment('countries')).replicas, 3);
  assert.equal((await deployment('counter')).replicas, 2);
});

test('or kubectl scale where nothing autoscales; the next helm upgrade must then take the count back', async () => {
  const scaled = await plane.kubectl(['scale', 'deployment/counter', '--replicas=5', '-n', namespace]);
  assert.equal(scaled.code, 0, scaled.stderr);
  await waitFor('5 counter available', async () => (await deployment('counter')).available === 5, isTrue);
  // Helm 4 applies server-side: kubectl now owns .spec.replicas, and a plain upgrade stops on the conflict.
  await assert.rejects(
    helm('upgrade', releaseName, chartDir, ...values('dev'), '--reuse-values'),
    /conflict with "kubectl" with subresource "scale".*\.spec\.replicas/,
  );
  await helm('upgrade', releaseName, chartDir, ...values('dev'), '--reuse-values', '--force-conflicts');
  await waitFor(
    'counter back to its value, 2',
    async () => (await deployment('counter')).replicas === 2,
    isTrue,
  );
});

test('roll a new tag out without ever going below 5 available, then roll back', async () => {
  await helm(
    'upgrade',
    releaseName,
    chartDir,
    ...values('dev'),
    '--reuse-values',
    '--set',
    'image.tag=0.1.1',
  );
  let lowest = Number.POSITIVE_INFINITY;
  await waitFor(
    'users on 0.1.1',
    async () => {
      const users = await deployment('users');
      lowest = Math.min(lowest, users.available);
      const status = await plane.kubectl([
        'rollout',
        'status',
        `deployment/users`,
        '-n',
        namespace,
        '--watch=false',
      ]);
      return users.image === 'podmesh/users:0.1.1' && status.stdout.includes('successfully rolled out');
    },
    isTrue,
    { timeoutMs: 120_000 },
  );
  assert.ok(lowest >= 5, `maxUnavailable 0: never fewer than 5 available (lowest ${lowest})`);

  await helm('rollback', releaseName);
  await waitFor(
    'users back on dev',
    async () => {
      const users = await deployment('users');
      return users.image === 'podmesh/users:dev' && users.available === 5;
    },
    isTrue,
    { timeoutMs: 120_000 },
  );
});

test('stage (autoscaled): the same one value raises the HPA floor and the pods follow', async () => {
  await helm(
    'upgrade',
    releaseName,
    chartDir,
    ...values('stage'),
    '--set',
    'gateway.enabled=false,gateway.gke.enabled=false,monitoring.managedPrometheus.enabled=false,services.users.replicas=5',
  );
  const hpa = await plane.kubectl([
    'get',
    'hpa',
    'users',
    '-n',
    namespace,
    '-o',
    'jsonpath={.spec.minReplicas}',
  ]);
  assert.equal(hpa.stdout, '5');
  await waitFor('5 users pods', async () => (await deployment('users')).replicas === 5, isTrue, {
    timeoutMs: 90_000,
  });
});

test('or one kubectl command where an HPA manages the count: raise its floor', async () => {
  const patched = await plane.kubectl([
    'patch',
    'hpa',
    'countries',
    '-n',
    namespace,
    '--patch',
    '{"spec":{"minReplicas":5}}',
  ]);
  assert.equal(patched.code, 0, patched.stderr);
  await waitFor('5 countries pods', async () => (await deployment('countries')).replicas === 5, isTrue, {
    timeoutMs: 90_000,
  });
  await assert.rejects(
    helm('upgrade', releaseName, chartDir, '--reuse-values'),
    /conflict with "kubectl-patch".*\.spec\.minReplicas/,
  );
});
