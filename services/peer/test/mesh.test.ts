// Real peer processes: /ping, a 3-peer mesh, and a live reload through a kubelet-style volume swap.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { freePort, type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { isPresent, isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { createConfigMapVolume } from './configMapVolume.ts';
import { startPongServer } from './pongServers.ts';

const started: ServiceProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await stopAll(started);
  for (const cleanup of cleanups) await cleanup();
});

/** prom-client's process_start_time_seconds: the same value means the same process, never restarted. */
async function processStartTime(peer: ServiceProcess): Promise<string> {
  const metrics = await (await fetch(`${peer.url}/metrics`)).text();
  return /^process_start_time_seconds\{[^}]*\} (\d+)$/m.exec(metrics)?.[1] ?? 'missing';
}

const pongs = (peer: ServiceProcess) => peer.logs.filter((line) => line.message === 'pong');

test('GET /ping answers exactly pong\\n with the pod name in x-peer-id', async () => {
  const volume = await createConfigMapVolume('peers.yaml', 'peers: []\n');
  cleanups.push(volume.remove);
  const peer = await startService('peer', { env: { POD_NAME: 'mesh-7', PEER_CONFIG_FILE: volume.path } });
  started.push(peer);
  const response = await fetch(`${peer.url}/ping`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.equal(response.headers.get('x-peer-id'), 'mesh-7');
  assert.equal(await response.text(), 'pong\n');
  const metrics = await (await fetch(`${peer.url}/metrics`)).text();
  for (const name of [
    'peer_pings_total',
    'peer_ping_duration_seconds',
    'peer_config_reloads_total',
    'peer_peers',
  ]) {
    assert.match(metrics, new RegExp(`^# TYPE ${name} `, 'm'));
  }
  assert.match(metrics, /^peer_peers\{service="peer"\} 0$/m);
  await peer.stop();
});

test('three peers sharing one config ping each other and log each responder', async () => {
  const ports = [await freePort(), await freePort(), await freePort()];
  const addresses = ports.map((port) => `127.0.0.1:${port}`);
  const volume = await createConfigMapVolume(
    'peers.yaml',
    `interval: 1s\npeers: [${addresses.join(', ')}]\n`,
  );
  cleanups.push(volume.remove);
  const mesh = await Promise.all(
    ports.map((port, i) =>
      startService('peer', { httpPort: port, env: { POD_NAME: `mesh-${i}`, PEER_CONFIG_FILE: volume.path } }),
    ),
  );
  started.push(...mesh);
  for (const [i, peer] of mesh.entries()) {
    const others = [0, 1, 2].filter((j) => j !== i);
    await waitFor(
      `mesh-${i} to hear from ${others}`,
      () =>
        others.every((j) =>
          pongs(peer).some((line) => line.responder === `mesh-${j}` && line.peer === addresses[j]),
        ),
      isTrue,
      { timeoutMs: 10_000, intervalMs: 10 },
    );
    assert.ok(!pongs(peer).some((line) => line.responder === `mesh-${i}`), 'a peer pinged itself');
    const line = pongs(peer)[0] as Record<string, unknown>;
    assert.equal(typeof line.latency_ms, 'number');
    assert.equal(line.severity, 'INFO');
  }
  await Promise.all(mesh.map((peer) => peer.stop()));
});

test('a kubelet volume swap puts the new peer set in use within 1 s, in the same process', async () => {
  const [first, second] = [await startPongServer('first'), await startPongServer('second')];
  cleanups.push(first.close, second.close);
  // A long interval: only the reload itself can make the new peer be pinged within a second.
  const volume = await createConfigMapVolume('peers.yaml', `interval: 1m\npeers: [${first.address}]\n`);
  cleanups.push(volume.remove);
  const peer = await startService('peer', { env: { PEER_CONFIG_FILE: volume.path } });
  started.push(peer);
  await waitFor('the first peer pinged', () => first.arrivals.length > 0, isTrue, {
    timeoutMs: 10_000,
    intervalMs: 10,
  });
  const startTimeBefore = await processStartTime(peer);
  assert.notEqual(startTimeBefore, 'missing');

  const swappedAt = await volume.update(`interval: 1m\npeers: [${second.address}]\n`);
  const pingedAt = await waitFor('the new peer pinged', () => second.arrivals[0], isPresent, {
    timeoutMs: 1000,
    intervalMs: 10,
  });
  assert.ok(pingedAt - swappedAt < 1000, `pinged ${pingedAt - swappedAt} ms after the swap`);
  await waitFor('its pong logged', () => pongs(peer).some((line) => line.responder === 'second'), isTrue, {
    timeoutMs: 1000,
    intervalMs: 10,
  });
  assert.equal(first.arrivals.length, 1, 'the removed peer was pinged again');
  assert.equal(peer.child.exitCode, null);
  assert.equal((await fetch(`${peer.url}/ping`)).status, 200);
  assert.equal(await processStartTime(peer), startTimeBefore, 'the process was restarted');
  assert.ok(
    peer.logs.some((line) => line.message === 'peer config applied' && line.peers === 1),
    'no reload logged',
  );
});
