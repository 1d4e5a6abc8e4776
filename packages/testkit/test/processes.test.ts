import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startService } from '@podmesh/testkit/processes';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a process that never gets ready is killed when startService gives up, not left running', async () => {
  let message = '';
  await assert.rejects(
    startService('never-ready', {
      entry: 'packages/testkit/test/fixtures/neverReady.ts',
      readyTimeoutMs: 1500,
    }),
    (error: Error) => {
      message = error.message;
      return /never-ready \(pid \d+\) not ready after 1500 ms/.test(message);
    },
  );
  const pid = Number(/pid (\d+)/.exec(message)?.[1]);
  assert.equal(isAlive(pid), false, `pid ${pid} still running: a leaked child would hang the test file`);
});
