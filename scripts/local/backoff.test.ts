import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextRestartDelay, restartBackoff } from './backoff.ts';

/** The waits a process that crashes `count` times, each after `uptimeMs`, is given. */
function waits(count: number, uptimeMs: number): number[] {
  const result: number[] = [];
  let previous: number | undefined;
  for (let crash = 0; crash < count; crash++) {
    previous = nextRestartDelay(restartBackoff, previous, uptimeMs);
    result.push(previous);
  }
  return result;
}

test('a crash loop waits 1 s, then doubles the wait up to 30 s and stays there', () => {
  assert.deepEqual(waits(8, 50), [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
});

test('a process that stayed up 10 s is restarted after 1 s again', () => {
  assert.equal(nextRestartDelay(restartBackoff, 30_000, 10_000), 1000);
  assert.equal(
    nextRestartDelay(restartBackoff, 30_000, 9_999),
    30_000,
    'just short of it: still backing off',
  );
  assert.equal(nextRestartDelay(restartBackoff, 4000, 5_000), 8000);
});

test('the policy is a parameter, not a constant of the function', () => {
  const policy = { initialMs: 10, maxMs: 25, resetAfterMs: 100 };
  assert.deepEqual(
    [undefined, 10, 20, 25].map((previous) => nextRestartDelay(policy, previous, 0)),
    [10, 20, 25, 25],
  );
});
