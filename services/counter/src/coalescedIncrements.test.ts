import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coalescedIncrements } from './coalescedIncrements.ts';

test('concurrent increments share one store call and each gets its own number', async () => {
  let total = 0;
  const deltas: number[] = [];
  const increment = coalescedIncrements(async (delta) => {
    deltas.push(delta);
    total += delta;
    return total;
  });
  const first = await Promise.all(Array.from({ length: 50 }, () => increment()));
  assert.deepEqual(
    first,
    Array.from({ length: 50 }, (_, i) => i + 1),
  );
  assert.deepEqual(deltas, [50]);
  assert.equal(await increment(), 51);
  assert.deepEqual(deltas, [50, 1]);
});

test('batches are capped, and a failed call fails exactly the callers in it', async () => {
  let calls = 0;
  const increment = coalescedIncrements(async (delta) => {
    calls++;
    if (calls === 1) throw new Error('store unavailable');
    return 100 + delta;
  }, 3);
  const results = await Promise.allSettled(Array.from({ length: 5 }, () => increment()));
  assert.deepEqual(
    results.map((result) => result.status),
    ['rejected', 'rejected', 'rejected', 'fulfilled', 'fulfilled'],
  );
  assert.deepEqual(
    results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
    [101, 102],
  );
});
