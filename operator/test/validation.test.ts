// The API server itself refuses bad PeerMesh specs, with messages a person can act on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestNamespace } from '../../test/cluster/controlPlane.ts';
import { specDefaults } from '../src/api.ts';
import { isPresent, isTrue, setUp, waitFor } from './support.ts';

const { plane, core, apps, meshApi } = await setUp();

const guaranteed = { cpu: '100m', memory: '192Mi' };
const long = (length: number) => `m${'x'.repeat(length - 1)}`;

// 422 Invalid for schema violations; strict field validation answers 400 BadRequest for unknown fields.
// Each case names a spec (and optionally a mesh name) that would otherwise be admitted and fail later.
const refused: Array<[string, Record<string, unknown>, RegExp, number?, string?]> = [
  ['replicas -1', { replicas: -1 }, /spec\.replicas.*should be greater than or equal to 0/],
  ['replicas 101', { replicas: 101 }, /spec\.replicas.*should be less than or equal to 100/],
  ['interval abc', { interval: 'abc' }, /spec\.interval.*should match/],
  ['interval 0s', { interval: '0s' }, /interval must be at least 1s/],
  ['interval 500ms', { interval: '500ms' }, /interval must be at least 1s/],
  ['port 0', { port: 0 }, /spec\.port.*should be greater than or equal to 1/],
  ['port 70000', { port: 70000 }, /spec\.port.*should be less than or equal to 65535/],
  ['an unknown field', { replica: 3 }, /unknown field "spec\.replica"/, 400],
  // BestEffort and Burstable peers break the QoS promise.
  ['resources {} (BestEffort)', { resources: {} }, /spec\.resources\.requests: Required value/],
  [
    'requests only (Burstable)',
    { resources: { requests: guaranteed } },
    /spec\.resources\.limits: Required value/,
  ],
  [
    'memory without a limit (Burstable)',
    { resources: { requests: guaranteed, limits: { cpu: '100m' } } },
    /spec\.resources\.limits\.memory: Required value/,
  ],
  [
    'cpu request below its limit (Burstable)',
    { resources: { requests: guaranteed, limits: { ...guaranteed, cpu: '200m' } } },
    /requests\.cpu must equal limits\.cpu/,
  ],
  [
    'memory request below its limit (Burstable)',
    { resources: { requests: { ...guaranteed, memory: '128Mi' }, limits: guaranteed } },
    /requests\.memory must equal limits\.memory/,
  ],
  // Quantities the StatefulSet apply would refuse.
  [
    'cpu "a lot"',
    { resources: { requests: { ...guaranteed, cpu: 'a lot' }, limits: guaranteed } },
    /spec\.resources\.requests\.cpu: Invalid value: .*must be a positive quantity/,
  ],
  [
    'memory 0',
    { resources: { requests: { ...guaranteed, memory: '0' }, limits: { ...guaranteed, memory: '0' } } },
    /spec\.resources\.requests\.memory: Invalid value: .*must be a positive quantity/,
  ],
  [
    'an extended resource',
    { resources: { requests: { ...guaranteed, 'nvidia.com/gpu': 1 }, limits: guaranteed } },
    /unknown field "spec\.resources\.requests\.nvidia\.com\/gpu"/,
    400,
  ],
  ['an image with a space', { image: 'peer :1' }, /spec\.image.*should match/],
  // Names that would break the Service, the pods' hostnames or the revision label.
  ['a name with a dot', {}, /metadata\.name must be a DNS-1035 label/, 422, 'mesh.one'],
  ['a name with a leading digit', {}, /metadata\.name must be a DNS-1035 label/, 422, '1mesh'],
  ['a 53-character name', {}, /metadata\.name must be at most 52 characters/, 422, long(53)],
];

for (const [name, spec, message, status = 422, meshName = 'bad'] of refused) {
  test(`refused: ${name}`, async (t) => {
    const namespace = await createTestNamespace(t, plane);
    await assert.rejects(
      meshApi.create(namespace, meshName, spec),
      (error: { code?: number; body?: string }) => {
        assert.equal(error.code, status, String(error.body));
        const text = JSON.parse(String(error.body)).message;
        console.log(`refused ${name} (${status}): ${text}`);
        assert.match(text, message);
        return true;
      },
    );
  });
}

test('admitted: a 52-character name, equal quantities written differently, an integer cpu', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, long(52), {
    resources: {
      requests: { cpu: 1 as unknown as string, memory: '1Gi' },
      limits: { cpu: '1000m', memory: '1024Mi' },
    },
  });
  const mesh = await meshApi.get(namespace, long(52));
  assert.deepEqual(mesh.spec?.resources?.requests, { cpu: 1, memory: '1Gi' });
});

test('defaults fill an omitted resources with requests = limits (Guaranteed)', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'defaults', { replicas: 1 });
  const mesh = await meshApi.get(namespace, 'defaults');
  assert.deepEqual(mesh.spec?.resources, specDefaults.resources);
});

// The 52 above is the StatefulSet controller's limit, not ours: checked with StatefulSets made directly. The
// revision hash has up to 10 characters (this template's has 10), so 53 fails for some templates, not all.
test('the StatefulSet controller itself: a 52-character name gets its pod, a 53-character one does not', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  const statefulSet = (name: string) => ({
    metadata: { name },
    spec: {
      replicas: 1,
      serviceName: name,
      selector: { matchLabels: { app: `x${name.length}` } },
      template: {
        metadata: { labels: { app: `x${name.length}` } },
        spec: { containers: [{ name: 'c', image: 'peer:1' }] },
      },
    },
  });
  await apps.createNamespacedStatefulSet({ namespace, body: statefulSet(long(52)) });
  await apps.createNamespacedStatefulSet({ namespace, body: statefulSet(long(53)) });
  await waitFor(
    'the 52-character StatefulSet to get its pod',
    () => core.readNamespacedPod({ namespace, name: `${long(52)}-0` }).then(() => true),
    isTrue,
  );
  const failure = await waitFor(
    'the 53-character StatefulSet to report why it has no pod',
    async () => {
      const events = await core.listNamespacedEvent({
        namespace,
        fieldSelector: `involvedObject.name=${long(53)}`,
      });
      return events.items.find((event) => event.reason === 'FailedCreate')?.message;
    },
    isPresent,
  );
  console.log(`StatefulSet named with 53 characters: ${failure}`);
  const revisionLabel = new RegExp(`Invalid value: "${long(53)}-[0-9a-z]{10}": must be no more than 63`);
  assert.match(failure, revisionLabel);
});

test('defaults fill an empty spec: the table in api.ts', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'defaults', {});
  const mesh = await meshApi.get(namespace, 'defaults');
  assert.deepEqual(mesh.spec, specDefaults);
});

test('kubectl knows the short name and prints the columns', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'cols', { replicas: 2, interval: '5s' });
  const result = await plane.kubectl(['get', 'pm', '-n', namespace]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /NAME\s+REPLICAS\s+READY\s+INTERVAL\s+STATUS\s+AGE/);
  assert.match(result.stdout, /cols\s+2\s+.*5s/);
});
