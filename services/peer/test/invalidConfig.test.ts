// An invalid config is rejected with an error log; the last good one stays in force (and a fix applies).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { isPresent, isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { createConfigMapVolume } from './configMapVolume.ts';
import { startPongServer } from './pongServers.ts';

const started: ServiceProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await stopAll(started);
  for (const cleanup of cleanups) await cleanup();
});

async function reloads(peer: ServiceProcess, result: string): Promise<number> {
  const metrics = await (await fetch(`${peer.url}/metrics`)).text();
  const match = new RegExp(`^peer_config_reloads_total\\{[^}]*result="${result}"[^}]*\\} (\\d+)$`, 'm').exec(
    metrics,
  );
  return Number(match?.[1] ?? 0);
}

for (const [key, good, badDocuments] of [
  [
    'peers.yaml',
    (address: string) => `interval: 1s\npeers: [${address}]\n`,
    [
      ['bad YAML', 'interval: 1s\npeers: [127.0.0.1:1\n'],
      ['an unknown key', 'interval: 1s\npeers: []\nreplicas: 3\n'],
      ['a bad port', 'interval: 1s\npeers: ["127.0.0.1:99999"]\n'],
      ['a bad interval', 'interval: 0.5\npeers: []\n'],
    ],
  ],
  [
    'peers.json',
    (address: string) => JSON.stringify({ interval: '1s', peers: [address] }),
    [
      ['bad JSON', '{"interval": "1s", "peers": []'],
      ['an unknown key', '{"interval": "1s", "peers": [], "timeout_ms": 5}'],
      ['a bad port', '{"interval": "1s", "peers": ["127.0.0.1:0"]}'],
      ['a bad interval', '{"interval": "1 minute", "peers": []}'],
    ],
  ],
] as const) {
  test(`${key}: invalid documents are rejected and the old peers keep being pinged`, async () => {
    const good1 = await startPongServer('good-1');
    const good2 = await startPongServer('good-2');
    cleanups.push(good1.close, good2.close);
    const volume = await createConfigMapVolume(key, good(good1.address));
    cleanups.push(volume.remove);
    const peer = await startService('peer', { env: { PEER_CONFIG_FILE: volume.path } });
    started.push(peer);
    await waitFor('the good peer pinged', () => good1.arrivals.length > 0, isTrue, {
      timeoutMs: 10_000,
      intervalMs: 10,
    });

    for (const [problem, document] of badDocuments) {
      const errorsBefore = peer.logs.filter((line) => line.severity === 'ERROR').length;
      await volume.update(document);
      const error = await waitFor(
        `${problem} logged`,
        () => peer.logs.filter((line) => line.severity === 'ERROR')[errorsBefore],
        isPresent,
        { timeoutMs: 10_000, intervalMs: 10 },
      );
      assert.equal(error.message, 'invalid peer config rejected; the last good config stays in force');
      assert.equal(typeof error.error, 'string');
      const pingsBefore = good1.arrivals.length;
      await waitFor(
        `${good1.address} still pinged after ${problem}`,
        () => good1.arrivals.length > pingsBefore,
        isTrue,
        { timeoutMs: 3000, intervalMs: 10 },
      );
    }
    assert.equal(await reloads(peer, 'rejected'), badDocuments.length);
    assert.equal(await reloads(peer, 'applied'), 1);

    // A valid document after the invalid ones applies as usual.
    await volume.update(good(good2.address));
    await waitFor('the fixed config in use', () => good2.arrivals.length > 0, isTrue, {
      timeoutMs: 2000,
      intervalMs: 10,
    });
    assert.equal(await reloads(peer, 'applied'), 2);
    await sleep(50);
    assert.equal(peer.child.exitCode, null);
  });
}
