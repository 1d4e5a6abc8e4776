import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPresent, isTrue, waitFor } from './waitFor.ts';

const fast = { timeoutMs: 300, intervalMs: 5 };

test('returns the first value the predicate accepts, 0 and null included when it says so', async () => {
  let calls = 0;
  assert.equal(
    await waitFor(
      'a count of 3',
      () => ++calls,
      (n) => n === 3,
      fast,
    ),
    3,
  );
  assert.equal(
    await waitFor(
      'zero',
      () => 0,
      (n) => n === 0,
      fast,
    ),
    0,
  );
  assert.equal(
    await waitFor(
      'null',
      async () => null,
      (v) => v === null,
      fast,
    ),
    null,
  );
});

test('null, 0 and the empty string are not success by themselves', async () => {
  await assert.rejects(
    waitFor(
      'a name',
      () => '',
      (v) => v.length > 0,
      fast,
    ),
    /waiting for a name \(last value \)/,
  );
  await assert.rejects(
    waitFor('a value', () => null, isPresent, fast),
    /last value null/,
  );
  await assert.rejects(
    waitFor('yes', () => false, isTrue, fast),
    /timed out after 0.3s waiting for yes/,
  );
});

test('an assertion error inside the probe fails at once instead of being retried', async () => {
  let calls = 0;
  const started = Date.now();
  await assert.rejects(
    waitFor(
      'status 200',
      () => {
        calls++;
        assert.equal(500, 200);
        return true;
      },
      isTrue,
      { timeoutMs: 5_000, intervalMs: 5 },
    ),
    assert.AssertionError,
  );
  assert.equal(calls, 1);
  assert.ok(Date.now() - started < 1_000);
});

test('other errors are retried, and the last one is reported when time runs out', async () => {
  let calls = 0;
  const value = await waitFor(
    'the resource',
    () => {
      if (++calls < 3) throw new Error('404 not found');
      return 'there';
    },
    isPresent,
    fast,
  );
  assert.equal(value, 'there');
  await assert.rejects(
    waitFor('the resource', () => Promise.reject(new Error('connect ECONNREFUSED')), isPresent, fast),
    /waiting for the resource \(last error: connect ECONNREFUSED\)/,
  );
});
