import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpError } from '@podmesh/runtime';
import { parseDelay } from './delay.ts';

test('an absent or empty delay means no wait, as in the original app', () => {
  assert.equal(parseDelay(undefined, 10_000), 0);
  assert.equal(parseDelay('', 10_000), 0);
});

test('whole milliseconds up to the bound are accepted', () => {
  assert.equal(parseDelay('0', 10_000), 0);
  assert.equal(parseDelay('250', 10_000), 250);
  assert.equal(parseDelay('10000', 10_000), 10_000);
});

test('anything else is a 400', () => {
  for (const value of ['10001', '-1', '1.5', 'abc', '1e3', ' 5', '99999999999', ['1', '2']]) {
    assert.throws(
      () => parseDelay(value, 10_000),
      (error: unknown) => error instanceof HttpError && error.statusCode === 400,
      `delay ${JSON.stringify(value)}`,
    );
  }
});
