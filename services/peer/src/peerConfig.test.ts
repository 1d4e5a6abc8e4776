import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatOf, PeerConfigError, parsePeerConfig } from './peerConfig.ts';

test('a YAML document with peers, interval and timeout', () => {
  const config = parsePeerConfig(
    'interval: 30s\ntimeout: 2s\npeers:\n  - mesh-0.mesh:8080\n  - mesh-1.mesh.default.svc.cluster.local:8080\n',
    'yaml',
  );
  assert.deepEqual(config, {
    peers: ['mesh-0.mesh:8080', 'mesh-1.mesh.default.svc.cluster.local:8080'],
    intervalMs: 30_000,
    timeoutMs: 2000,
  });
});

test('the same document as JSON', () => {
  const config = parsePeerConfig('{"interval":"1m30s","peers":["10.0.0.7:8080","[::1]:9000"]}', 'json');
  assert.deepEqual(config, { peers: ['10.0.0.7:8080', '[::1]:9000'], intervalMs: 90_000, timeoutMs: 5000 });
});

test('defaults: interval 60s, timeout half the interval and at most 5s; no peers is a valid mesh of one', () => {
  assert.deepEqual(parsePeerConfig('peers: []', 'yaml'), { peers: [], intervalMs: 60_000, timeoutMs: 5000 });
  assert.equal(parsePeerConfig('interval: 2s\npeers: []', 'yaml').timeoutMs, 1000);
});

const invalid: Array<[string, string, string, RegExp]> = [
  ['bad JSON', 'json', '{"peers": ["a:1"],}', /invalid JSON/],
  ['YAML as JSON', 'json', 'peers: [a:1]', /invalid JSON/],
  ['bad YAML', 'yaml', 'peers: [a:1\ninterval: 5s', /invalid YAML/],
  ['duplicate YAML key', 'yaml', 'interval: 5s\ninterval: 6s\npeers: []', /invalid YAML/],
  ['not a mapping', 'yaml', '- a:1', /must be a mapping/],
  ['empty document', 'yaml', '', /must be a mapping/],
  ['unknown key', 'yaml', 'peers: []\nintervall: 5s', /unknown keys intervall/],
  ['unknown key in JSON', 'json', '{"peers":[],"replicas":3}', /unknown keys replicas/],
  ['peers missing', 'yaml', 'interval: 5s', /peers must be a list/],
  ['peers not a list', 'yaml', 'peers: a:1', /peers must be a list/],
  ['peer not a string', 'yaml', 'peers: [8080]', /must be a string/],
  ['no port', 'yaml', 'peers: [mesh-0.mesh]', /must be host:port/],
  ['port 0', 'yaml', 'peers: ["mesh-0.mesh:0"]', /bad port/],
  ['port too big', 'yaml', 'peers: ["mesh-0.mesh:65536"]', /bad port/],
  ['port not a number', 'yaml', 'peers: ["mesh-0.mesh:http"]', /bad port/],
  ['port with a leading zero', 'yaml', 'peers: ["mesh-0.mesh:080"]', /bad port/],
  ['bad host', 'yaml', 'peers: ["mesh_0:8080"]', /bad host/],
  ['a URL, not an address', 'yaml', 'peers: ["http://mesh-0:8080"]', /bad host/],
  ['duplicate peer', 'yaml', 'peers: ["a:1", "a:1"]', /listed twice/],
  ['interval without unit', 'yaml', 'interval: 30\npeers: []', /must be a duration/],
  ['interval word', 'yaml', 'interval: soon\npeers: []', /must be a duration/],
  ['interval negative', 'yaml', 'interval: -5s\npeers: []', /must be a duration/],
  ['interval below 1s', 'yaml', 'interval: 500ms\npeers: []', /must be from 1s to 24h/],
  ['interval above 24h', 'yaml', 'interval: 25h\npeers: []', /must be from 1s to 24h/],
  ['timeout not below interval', 'yaml', 'interval: 2s\ntimeout: 2s\npeers: []', /below the interval/],
];

for (const [name, format, text, message] of invalid) {
  test(`rejected: ${name}`, () => {
    assert.throws(
      () => parsePeerConfig(text, format as 'json' | 'yaml'),
      (error: unknown) => error instanceof PeerConfigError && message.test(error.message),
    );
  });
}

test('the format follows the file name or ConfigMap key', () => {
  assert.equal(formatOf('peers.json'), 'json');
  assert.equal(formatOf('PEERS.JSON'), 'json');
  assert.equal(formatOf('peers.yaml'), 'yaml');
  assert.equal(formatOf('peers.yml'), 'yaml');
});
