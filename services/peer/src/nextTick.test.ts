import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextTick } from './nextTick.ts';

test('ticks sit on anchor + k·interval however late the timer fired', () => {
  assert.deepEqual(nextTick(0, 1000, 10, 0), { index: 1, at: 1000, missed: 0 });
  // Round 1 fired 40 ms late and took 200 ms: round 2 is still at 2000, not 2240.
  assert.deepEqual(nextTick(0, 1000, 1240, 1), { index: 2, at: 2000, missed: 0 });
});

test('a timer that fired a little early does not run the same tick twice', () => {
  assert.deepEqual(nextTick(0, 1000, 1999, 2), { index: 3, at: 3000, missed: 0 });
});

test('ticks missed during a long round are skipped and counted', () => {
  assert.deepEqual(nextTick(0, 1000, 3500, 1), { index: 4, at: 4000, missed: 2 });
});
