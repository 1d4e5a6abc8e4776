// The API server itself refuses bad PeerMesh specs, with messages a person can act on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestNamespace } from '../../test/cluster/controlPlane.ts';
import { setUp } from './support.ts';

const { plane, meshApi } = await setUp();

// 422 Invalid for schema violations; strict field validation answers 400 BadRequest for unknown fields.
const refused: Array<[string, Record<string, unknown>, RegExp, number?]> = [
  ['replicas -1', { replicas: -1 }, /spec\.replicas.*should be greater than or equal to 0/],
  ['replicas 101', { replicas: 101 }, /spec\.replicas.*should be less than or equal to 100/],
  ['interval abc', { interval: 'abc' }, /spec\.interval.*should match/],
  ['interval 0s', { interval: '0s' }, /interval must be at least 1s/],
  ['interval 500ms', { interval: '500ms' }, /interval must be at least 1s/],
  ['port 0', { port: 0 }, /spec\.port.*should be greater than or equal to 1/],
  ['port 70000', { port: 70000 }, /spec\.port.*should be less than or equal to 65535/],
  ['an unknown field', { replica: 3 }, /unknown field "spec\.replica"/, 400],
];

for (const [name, spec, message, status = 422] of refused) {
  test(`refused: ${name}`, async (t) => {
    const namespace = await createTestNamespace(t, plane);
    await assert.rejects(
      meshApi.create(namespace, 'bad', spec),
      (error: { code?: number; body?: string }) => {
        assert.equal(error.code, status, String(error.body));
        assert.match(JSON.parse(String(error.body)).message, message);
        return true;
      },
    );
  });
}

test('defaults fill an empty spec: 3 peers every 60s on port 8080', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'defaults', {});
  const mesh = await meshApi.get(namespace, 'defaults');
  assert.deepEqual(mesh.spec, { replicas: 3, interval: '60s', port: 8080 });
});

test('kubectl knows the short name and prints the columns', async (t) => {
  const namespace = await createTestNamespace(t, plane);
  await meshApi.create(namespace, 'cols', { replicas: 2, interval: '5s' });
  const result = await plane.kubectl(['get', 'pm', '-n', namespace]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /NAME\s+REPLICAS\s+READY\s+INTERVAL\s+STATUS\s+AGE/);
  assert.match(result.stdout, /cols\s+2\s+.*5s/);
});
