import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSelf, peerAddressProblem } from './peerAddress.ts';

test('valid peer addresses', () => {
  for (const address of ['mesh-0.mesh:8080', 'localhost:1', '127.0.0.1:65535', '[::1]:8080', 'A.B:80']) {
    assert.equal(peerAddressProblem(address), undefined, address);
  }
});

test('a pod leaves itself out by name, whatever the DNS suffix, on its own port only', () => {
  const self = { podName: 'mesh-1', port: 8080, hosts: ['127.0.0.1', 'localhost'] };
  assert.equal(isSelf('mesh-1.mesh:8080', self), true);
  assert.equal(isSelf('mesh-1.mesh.team-a.svc.cluster.local:8080', self), true);
  assert.equal(isSelf('MESH-1.mesh:8080', self), true);
  assert.equal(isSelf('mesh-1:8080', self), true);
  assert.equal(isSelf('mesh-10.mesh:8080', self), false);
  assert.equal(isSelf('mesh-1.mesh:8081', self), false);
  assert.equal(isSelf('127.0.0.1:8080', self), true);
  assert.equal(isSelf('127.0.0.1:8081', self), false);
});
