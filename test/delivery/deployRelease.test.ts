// deploy.yml's and rollback.yml's own scripts against a real API server (test/cluster: kube-apiserver,
// controllers, kwok nodes that report pods ready without running them): a release lands with every image
// pinned by digest, a release that never becomes ready is rolled back by helm, and a rollback returns the
// digests of the revision it names. Registry pushes and signatures are not part of this (docs/delivery.md).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { assembleManifest } from '../../.github/scripts/release-manifest.ts';
import { helmPath } from '../../deploy/tools/helm.ts';
import { discoverTargets } from '../../scripts/images/targets.ts';
import { useControlPlane } from '../cluster/controlPlane.ts';
import { execFileResult } from '../cluster/exec.ts';
import { repoRoot } from './workflowFiles.ts';

const registry = 'europe-west1-docker.pkg.dev/podmesh-dev/podmesh';
const namespace = `podmesh-delivery-${randomBytes(3).toString('hex')}`;
const work = mkdtempSync(join(tmpdir(), 'podmesh-deploy-'));

/** A release whose every digest starts with `fill` (kwok never pulls, so any well-formed digest will do). */
function release(fill: string): string {
  const targets = discoverTargets().map((target) => target.name);
  const digests = Object.fromEntries(
    targets.map((name, i) => [name, `sha256:${fill}${String(i).padStart(63, '0')}`]),
  );
  const manifest = assembleManifest({
    targets,
    built: digests,
    reused: {},
    namespace: 'docker.io/podmesh',
    commit: fill.repeat(40),
    ref: 'refs/heads/main',
  });
  const path = join(work, `release-${fill}.json`);
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}

describe('deploy and rollback scripts on a real API server', {
  skip: !existsSync(helmPath) && `no helm at ${helmPath}`,
}, async () => {
  const plane = await useControlPlane();
  const env = {
    ...process.env,
    KUBECONFIG: plane.kubeconfigPath,
    PATH: [dirname(helmPath), plane.bin, dirname(process.execPath), process.env.PATH].join(':'),
    REGISTRY: registry,
    ENVIRONMENT: 'dev',
    NAMESPACE: namespace,
    TIMEOUT: '90s',
  };
  const run = (script: string, args: string[], extra: Record<string, string> = {}) =>
    execFileResult('bash', [join(repoRoot, '.github/scripts', script), ...args], {
      env: { ...env, ...extra },
    });
  const images = async () => {
    const listed = await plane.kubectl([
      'get',
      'deployments,statefulsets',
      '-n',
      namespace,
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}={.spec.template.spec.containers[0].image}{"\\n"}{end}',
    ]);
    return Object.fromEntries(
      listed.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('=')),
    );
  };
  const history = async () => {
    const listed = await plane.kubectl(['get', 'secrets', '-n', namespace, '-l', 'owner=helm', '-o', 'name']);
    return listed.stdout.trim().split('\n').length;
  };

  // This control plane has no storage provisioner (kind and GKE have one): a volume reserved for kv's claim.
  await plane.kubectl(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: namespace },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        hostPath: { path: join(work, 'kv') },
        claimRef: { namespace, name: 'data-kv-0' },
      },
    }),
  );
  after(async () => {
    await plane.kubectl(['delete', 'namespace', namespace, '--wait=false']);
    await plane.kubectl(['delete', 'persistentvolume', namespace, '--wait=false']);
    rmSync(work, { recursive: true, force: true });
  });

  const first = release('a');
  const second = release('b');
  const tag = (fill: string) => `sha-${fill.repeat(12)}`;

  it('deploys the operator and every chart service by digest from the environment registry', async () => {
    const result = await run('deploy-release.sh', [first]);
    assert.equal(result.code, 0, result.stderr);
    const deployed = await images();
    for (const name of ['counter', 'countries', 'demo', 'kv', 'users']) {
      assert.match(deployed[name] ?? '', new RegExp(`^${registry}/${name}:${tag('a')}@sha256:a0+\\d$`), name);
    }
    const operator = await plane.kubectl([
      'get',
      'deployment',
      'podmesh-operator',
      '-n',
      'podmesh-system',
      '-o',
      'json',
    ]);
    const container = JSON.parse(operator.stdout).spec.template.spec.containers[0];
    assert.match(container.image, new RegExp(`^${registry}/operator@sha256:a0+\\d$`));
    const peerImage = container.env.find((entry: { name: string }) => entry.name === 'PEER_IMAGE');
    assert.match(peerImage.value, new RegExp(`^${registry}/peer@sha256:a0+\\d$`));
  });

  it('rolls a release back when it does not become ready, and fails', async () => {
    const before = await images();
    // users can never be scheduled (no node has 1000 CPUs), so the release never becomes ready.
    const result = await run(
      'deploy-release.sh',
      [second, '--set', 'services.users.resources.requests.cpu=1000'],
      {
        TIMEOUT: '20s',
      },
    );
    assert.notEqual(result.code, 0, 'the deploy reports the failure');
    assert.match(result.stderr, /rollback-on-failure|rolled back|timed out|context deadline/i);
    const statuses = await execFileResult(helmPath, ['history', 'podmesh', '-n', namespace, '-o', 'json'], {
      env,
    });
    const last = JSON.parse(statuses.stdout).at(-1) as { status: string; description: string };
    assert.equal(last.status, 'deployed');
    assert.match(last.description, /Rollback to 1/);
    assert.deepEqual(await images(), before, 'the first release runs again');
  });

  it('returns to the digests of an earlier revision with the rollback script', async () => {
    const good = await run('deploy-release.sh', [second]);
    assert.equal(good.code, 0, good.stderr);
    assert.match((await images()).users ?? '', /@sha256:b0+\d$/);
    const revisions = await history();
    const result = await run('rollback-release.sh', ['1']);
    assert.equal(result.code, 0, result.stderr);
    assert.match((await images()).users ?? '', /@sha256:a0+\d$/);
    assert.equal(await history(), revisions + 1);
    const refused = await run('rollback-release.sh', ['latest']);
    assert.equal(refused.code, 2);
  });
});
