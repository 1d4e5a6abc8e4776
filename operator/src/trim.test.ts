import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trimChild, trimMesh } from './trim.ts';

const managedFields = [{ manager: 'podmesh-operator', operation: 'Apply', fieldsV1: {} }];

test('a cached mesh keeps its spec and status, not its managedFields', () => {
  const mesh = trimMesh({
    metadata: { name: 'm', generation: 2, managedFields },
    spec: { replicas: 3 },
    status: { readyReplicas: 1 },
  });
  assert.deepEqual(mesh, {
    metadata: { name: 'm', generation: 2 },
    spec: { replicas: 3 },
    status: { readyReplicas: 1 },
  });
});

test('a cached child keeps metadata and status only', () => {
  const set = trimChild({
    metadata: { name: 'm', resourceVersion: '7', generation: 1, managedFields },
    spec: { replicas: 3, template: {} },
    status: { readyReplicas: 3 },
  });
  assert.deepEqual(set, {
    metadata: { name: 'm', resourceVersion: '7', generation: 1 },
    status: { readyReplicas: 3 },
  });
  const configMap = trimChild({
    metadata: { name: 'm-peers', resourceVersion: '8' },
    data: { 'peers.yaml': '' },
  });
  assert.deepEqual(configMap, { metadata: { name: 'm-peers', resourceVersion: '8' } });
});
