// Who owns a listening port, told by /proc (Linux) and by lsof (macOS, and Linux where installed): both agree.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { ownsListener, ownsListenerLsof, ownsListenerProc } from './listener.ts';

const hasLsof = spawnSync('lsof', ['-v']).error === undefined;

test('this process owns the port it listens on, and not a port it does not', async (t) => {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const { port } = server.address() as { port: number };
  assert.equal(ownsListener(process.pid, port), true);
  assert.equal(ownsListener(process.pid, port === 65535 ? 1 : port + 1), false);
  if (process.platform === 'linux') assert.equal(ownsListenerProc(process.pid, port), true);
  if (hasLsof) {
    assert.equal(ownsListenerLsof(process.pid, port), true);
    assert.equal(ownsListenerLsof(1, port), false);
  }
});
