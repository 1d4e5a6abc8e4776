// A peer that dies is reported with warnings every round, the pinger keeps running, and pongs resume when
// the peer comes back on the same address.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { freePort, type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { createConfigMapVolume } from './configMapVolume.ts';

const started: ServiceProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await stopAll(started);
  for (const cleanup of cleanups) await cleanup();
});

test('a dead peer gives warnings, no crash, and pongs again once it is back', async () => {
  const [watcherPort, targetPort] = [await freePort(), await freePort()];
  const target = `127.0.0.1:${targetPort}`;
  const volume = await createConfigMapVolume(
    'peers.yaml',
    `interval: 1s\npeers: [127.0.0.1:${watcherPort}, ${target}]\n`,
  );
  cleanups.push(volume.remove);
  const env = { PEER_CONFIG_FILE: volume.path };
  const watcher = await startService('peer', { httpPort: watcherPort, env: { ...env, POD_NAME: 'watcher' } });
  let victim = await startService('peer', { httpPort: targetPort, env: { ...env, POD_NAME: 'victim' } });
  started.push(watcher, victim);
  const pongsFrom = (name: string) =>
    watcher.logs.filter((line) => line.message === 'pong' && line.responder === name).length;
  await waitFor('a pong from the victim', () => pongsFrom('victim') > 0, isTrue, {
    timeoutMs: 10_000,
    intervalMs: 10,
  });

  await victim.stop('SIGKILL');
  const warnings = () =>
    watcher.logs.filter((line) => line.message === 'ping failed' && line.peer === target);
  await waitFor('two failed rounds', () => warnings().length >= 2, isTrue, {
    timeoutMs: 5000,
    intervalMs: 10,
  });
  const warning = warnings()[0] as Record<string, unknown>;
  assert.equal(warning.severity, 'WARNING');
  assert.match(String(warning.error), /ECONNREFUSED|ECONNRESET|socket|other side closed/i);

  const pongsBefore = pongsFrom('victim');
  victim = await startService('peer', { httpPort: targetPort, env: { ...env, POD_NAME: 'victim' } });
  started.push(victim);
  await waitFor('pongs again', () => pongsFrom('victim') > pongsBefore, isTrue, {
    timeoutMs: 5000,
    intervalMs: 10,
  });
  assert.equal(watcher.child.exitCode, null);
  const metrics = await (await fetch(`${watcher.url}/metrics`)).text();
  assert.match(metrics, /^peer_pings_total\{result="error",service="peer"\} [1-9]\d*$/m);
  assert.match(metrics, /^peer_pings_total\{result="ok",service="peer"\} [1-9]\d*$/m);
});

test('a peer that does not answer in time is a timeout, and the round still ends before the next one', async () => {
  // A TCP listener that accepts and never answers: the ping must be cut off at the timeout.
  const { createServer } = await import('node:net');
  const silent = createServer(() => undefined);
  silent.listen(0, '127.0.0.1');
  await new Promise((resolve) => silent.once('listening', resolve));
  cleanups.push(() => new Promise<void>((resolve) => silent.close(() => resolve())));
  const address = `127.0.0.1:${(silent.address() as { port: number }).port}`;
  const volume = await createConfigMapVolume(
    'peers.yaml',
    `interval: 1s\ntimeout: 300ms\npeers: [${address}]\n`,
  );
  cleanups.push(volume.remove);
  const peer = await startService('peer', { env: { PEER_CONFIG_FILE: volume.path, LOG_LEVEL: 'debug' } });
  started.push(peer);
  const rounds = () => peer.logs.filter((line) => line.message === 'ping round');
  await waitFor('three rounds', () => rounds().length >= 3, isTrue, { timeoutMs: 6000, intervalMs: 10 });
  const warning = peer.logs.find((line) => line.message === 'ping failed') as Record<string, unknown>;
  assert.equal(warning.error, 'no answer within 300 ms');
  for (const round of rounds()) {
    assert.ok((round.duration_ms as number) < 500, `round took ${round.duration_ms} ms`);
  }
});
