// A pod can start before its volume has content (or run with a wrong path): it answers /ping, warns once,
// and applies the config as soon as the file appears.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { startPongServer } from './pongServers.ts';

const started: ServiceProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await stopAll(started);
  for (const cleanup of cleanups) await cleanup();
});

test('no config file yet: /ping works, one warning, and the file is used once it appears', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'peer-missing-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'not-yet', 'peers.yaml');
  const peer = await startService('peer', { env: { PEER_CONFIG_FILE: path, PEER_CONFIG_POLL_MS: '200' } });
  started.push(peer);
  assert.equal(await (await fetch(`${peer.url}/ping`)).text(), 'pong\n');

  const pong = await startPongServer('late');
  cleanups.push(pong.close);
  await waitFor(
    'the missing file warned about',
    () =>
      peer.logs.some((line) => line.message === 'peer config file unreadable; keeping the current config'),
    isTrue,
    { timeoutMs: 10_000, intervalMs: 10 },
  );
  // Let several polls fail: the warning is not repeated.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await mkdir(join(dir, 'not-yet'));
  await writeFile(path, `interval: 1s\npeers: [${pong.address}]\n`);
  await waitFor('the late file in use', () => pong.arrivals.length > 0, isTrue, {
    timeoutMs: 3000,
    intervalMs: 10,
  });
  const warnings = peer.logs.filter(
    (line) => line.message === 'peer config file unreadable; keeping the current config',
  );
  assert.equal(warnings.length, 1);
  const watchWarnings = peer.logs.filter(
    (line) => line.message === 'cannot watch the config directory yet; retrying',
  );
  assert.equal(watchWarnings.length, 1);
});
