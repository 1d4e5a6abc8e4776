import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { isRunning, startProcess, stopProcess } from './processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'podmesh-processes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a started process runs detached, logs to its file, and stops on SIGTERM', async () => {
  const log = join(dir, 'echo.log');
  const script = "console.log('started'); setInterval(() => {}, 1000);";
  const server = startProcess('server', process.execPath, ['-e', script], log);
  assert.equal(isRunning(server), true);
  await waitFor('its first log line', async () => readFileSync(log, 'utf8').includes('started'), isTrue);
  await stopProcess(server);
  assert.equal(isRunning(server), false);
});

test('a recorded PID that now runs another program is never treated as ours', async () => {
  const sleeper = startProcess('sleeper', '/bin/sleep', ['30'], join(dir, 'sleep.log'));
  const impostor = { ...sleeper, command: '/usr/local/bin/kube-apiserver' };
  assert.equal(isRunning(impostor), false);
  await stopProcess(impostor); // must not signal it
  assert.equal(isRunning(sleeper), true, 'the unrelated process still runs');
  await stopProcess(sleeper);
});

test('a process that ignores SIGTERM is killed after the grace period', async () => {
  const log = join(dir, 'stubborn.log');
  const script = "trap '' TERM; echo trapped; while :; do sleep 1; done";
  const stubborn = startProcess('stubborn', '/bin/sh', ['-c', script], log);
  // Signal it only once the trap is set, or SIGTERM would still end it.
  await waitFor('the trap to be set', async () => readFileSync(log, 'utf8').includes('trapped'), isTrue);
  const started = Date.now();
  await stopProcess(stubborn, 500);
  assert.equal(isRunning(stubborn), false);
  assert.ok(Date.now() - started >= 500, 'waited for the grace period first');
});
