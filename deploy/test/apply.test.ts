// Every environment applied to a real API server (test/cluster: kube-apiserver, controllers, kwok nodes) with
// server-side apply: no error, no warning (the namespace enforces and warns at Pod Security "restricted"), and
// every workload's pods are created. The Gateway API CRDs are the real ones; GKE's own kinds have no
// published CRD, so they are left out here (schemas.test.ts and gateway.test.ts check them offline).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { parseAllDocuments, stringify } from 'yaml';
import { useControlPlane } from '../../test/cluster/controlPlane.ts';
import { gatewayApiDir } from '../tools/gatewayApiSchemas.ts';
import { environments, type Manifest, renderYaml } from '../tools/render.ts';
import { replicaFloor, workloads } from './manifests.ts';

const gkeOnlyGroups = ['networking.gke.io/', 'monitoring.googleapis.com/'];
const plane = await useControlPlane();
const created: string[] = [];
after(async () => {
  for (const namespace of created) await plane.kubectl(['delete', 'namespace', namespace, '--wait=false']);
});

test('the Gateway API CRDs install', async () => {
  const dir = join(await gatewayApiDir(), 'config', 'crd', 'standard');
  for (const file of [
    'gateway.networking.k8s.io_gateways.yaml',
    'gateway.networking.k8s.io_httproutes.yaml',
  ]) {
    const result = await plane.kubectl(
      ['apply', '--server-side', '-f', '-'],
      await readFile(join(dir, file), 'utf8'),
    );
    assert.equal(result.code, 0, result.stderr);
  }
  const established = await plane.kubectl([
    'wait',
    '--for=condition=Established',
    'crd/gateways.gateway.networking.k8s.io',
    'crd/httproutes.gateway.networking.k8s.io',
    '--timeout=60s',
  ]);
  assert.equal(established.code, 0, established.stderr);
});

for (const env of environments) {
  test(`${env}: applies server-side without an error or a warning, and every workload gets its pods`, async () => {
    const namespace = `podmesh-${env}-${randomBytes(3).toString('hex')}`;
    created.push(namespace);
    const manifests = parseAllDocuments(await renderYaml(env, undefined, namespace))
      .map((document) => document.toJS() as Manifest | null)
      .filter((m): m is Manifest => m !== null && !gkeOnlyGroups.some((g) => m.apiVersion.startsWith(g)));
    const stream = manifests.map((m) => stringify(m)).join('---\n');

    const applied = await plane.kubectl(
      ['apply', '--server-side', '--field-manager=podmesh-deploy', '-f', '-'],
      stream,
    );
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(applied.stderr, '', 'no warnings (Pod Security, deprecations, unknown fields)');
    assert.equal(applied.stdout.trim().split('\n').length, manifests.length, applied.stdout);

    // Idempotent: a second apply changes no spec (generation) and writes no generation-less object.
    const versions = async () => {
      const template =
        '{range .items[*]}{.kind}/{.metadata.name}={.metadata.generation}/{.metadata.resourceVersion}{"\\n"}{end}';
      const listed = await plane.kubectl(['get', '-f', '-', '-o', `jsonpath=${template}`], stream);
      assert.equal(listed.code, 0, listed.stderr);
      return listed.stdout
        .trim()
        .split('\n')
        .map((line) => {
          const [id, version] = line.split('=') as [string, string];
          const [generation, resourceVersion] = version.split('/');
          return `${id}=${generation || resourceVersion}`;
        });
    };
    const before = await versions();
    assert.equal(before.length, manifests.length);
    const again = await plane.kubectl(
      ['apply', '--server-side', '--field-manager=podmesh-deploy', '-f', '-'],
      stream,
    );
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(await versions(), before, 'a second apply changes nothing');

    for (const workload of workloads(manifests)) {
      const want = replicaFloor(manifests, workload);
      const selector = Object.entries(workload.spec.selector.matchLabels as Record<string, string>)
        .map(([key, value]) => `${key}=${value}`)
        .join(',');
      await waitFor(
        `${want} pods of ${workload.kind} ${workload.metadata.name}`,
        async () => {
          const pods = await plane.kubectl(['get', 'pods', '-n', namespace, '-l', selector, '-o', 'name']);
          return pods.stdout.trim().split('\n').filter(Boolean).length >= want;
        },
        isTrue,
      );
    }
  });
}
