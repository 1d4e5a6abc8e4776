import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stableHash } from './stableHash.ts';

test('stableHash is a pure function of its key', () => {
  assert.equal(stableHash('users/v1/42'), stableHash('users/v1/42'));
  assert.notEqual(stableHash('users/v1/42'), stableHash('users/v1/43'));
});

test('stableHash spreads sequential ids evenly over small buckets', () => {
  const buckets = new Array<number>(60).fill(0);
  for (let id = 0; id < 60_000; id++) {
    const bucket = stableHash(`users/v1/${id}`) % 60;
    buckets[bucket] = (buckets[bucket] ?? 0) + 1;
  }
  // 1,000 expected per bucket; a poor mix of the low bits leaves buckets far off that.
  for (const count of buckets) assert.ok(count > 850 && count < 1150, `bucket count ${count}`);
});

test('stableHash answers unsigned 32-bit integers', () => {
  for (const key of ['', 'a', 'ü', '9'.repeat(18)]) {
    const hash = stableHash(key);
    assert.ok(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 32, `${key}: ${hash}`);
  }
});
