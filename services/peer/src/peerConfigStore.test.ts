// Which source is in force: the file, until the API watch is in sync; the file again when the watch fails.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger, createMetrics } from '@podmesh/runtime';
import type { PeerConfig } from './peerConfig.ts';
import { createPeerConfigStore } from './peerConfigStore.ts';
import { createPeerMetrics } from './peerMetrics.ts';

function harness() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const log = createLogger({ service: 'peer', version: 'test', level: 'info', destination });
  const metrics = createPeerMetrics(createMetrics('peer'));
  const applied: PeerConfig[] = [];
  const store = createPeerConfigStore({
    log,
    metrics,
    format: 'yaml',
    self: { podName: 'mesh-1', port: 8080, hosts: ['127.0.0.1'] },
    apply: (config) => applied.push(config),
  });
  const peersApplied = () => applied.map((config) => config.peers.join(','));
  return { store, lines, metrics, peersApplied };
}

const doc = (...peers: string[]) => `interval: 5s\npeers: [${peers.join(', ')}]\n`;

test('the pod leaves itself out of the shared list', () => {
  const { store, peersApplied } = harness();
  store.offer('file', doc('mesh-0.mesh:8080', 'mesh-1.mesh:8080', 'mesh-2.mesh:8080'));
  assert.deepEqual(peersApplied(), ['mesh-0.mesh:8080,mesh-2.mesh:8080']);
});

test('the same text, or a text meaning the same config, is not a reload', async () => {
  const { store, peersApplied, metrics } = harness();
  store.offer('file', doc('a:1'));
  store.offer('file', doc('a:1'));
  store.offer('file', `# a comment\n${doc('a:1')}`);
  assert.deepEqual(peersApplied(), ['a:1']);
  const values = (await metrics.configReloads.get()).values;
  assert.deepEqual(
    values.map((value) => [value.labels.result, value.value]),
    [['applied', 1]],
  );
});

test('an invalid document is logged and counted once, and the last good config stays', async () => {
  const { store, peersApplied, lines, metrics } = harness();
  store.offer('file', doc('a:1'));
  store.offer('file', 'peers: [a:1]\nbogus: 1\n');
  store.offer('file', 'peers: [a:1]\nbogus: 1\n'); // the poll re-reads the same bad text: no second error
  assert.deepEqual(peersApplied(), ['a:1']);
  assert.equal(store.current?.peers.join(), 'a:1');
  const errors = lines.filter((line) => line.severity === 'ERROR');
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]?.error), /unknown keys bogus/);
  const values = (await metrics.configReloads.get()).values;
  assert.deepEqual(Object.fromEntries(values.map((value) => [value.labels.result, value.value])), {
    applied: 1,
    rejected: 1,
  });
});

test('while the API watch is in sync it wins over the (older) file; when it fails the file is back', () => {
  const { store, peersApplied } = harness();
  store.offer('file', doc('v1:1'));
  store.setApiInSync(true);
  store.offer('configmap', doc('v2:1'));
  store.offer('file', doc('v1b:1')); // the kubelet catching up late: remembered, not applied
  store.offer('configmap', doc('v3:1'));
  store.setApiInSync(false);
  assert.deepEqual(peersApplied(), ['v1:1', 'v2:1', 'v3:1', 'v1b:1']);
});
