import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from './random.ts';
import { createRandomError, errorBody, okBody } from './randomError.ts';

function errorShare(probability: number, seed: number, calls: number): number {
  const randomError = createRandomError(probability, createRandom(seed));
  let errors = 0;
  for (let call = 0; call < calls; call++) if (randomError().status === 500) errors++;
  return errors / calls;
}

test('over 10,000 calls about one in ten fails (10% ± 1%), whatever the seed', () => {
  for (const seed of [1, 42, 2024, 987654321]) {
    const share = errorShare(0.1, seed, 10_000);
    assert.ok(Math.abs(share - 0.1) <= 0.01, `seed ${seed}: error share ${share}`);
  }
});

test('the configured probability is honoured, 0 and 1 included', () => {
  assert.equal(errorShare(0, 7, 10_000), 0);
  assert.equal(errorShare(1, 7, 10_000), 1);
  const share = errorShare(0.5, 7, 10_000);
  assert.ok(Math.abs(share - 0.5) <= 0.015, `error share ${share}`);
});

test('a failure and a success have the original bodies', () => {
  assert.deepEqual(createRandomError(1, createRandom(1))(), {
    status: 500,
    body: 'ERROR: Something, somewhere, went wrong!\n',
  });
  assert.deepEqual(createRandomError(0, createRandom(1))(), {
    status: 200,
    body: 'Everything is still OK\n',
  });
  assert.equal(errorBody, 'ERROR: Something, somewhere, went wrong!\n');
  assert.equal(okBody, 'Everything is still OK\n');
});

test('the same seed gives the same outcomes; another seed does not', () => {
  const run = (seed: number) => {
    const randomError = createRandomError(0.1, createRandom(seed));
    return Array.from({ length: 200 }, () => randomError().status);
  };
  assert.deepEqual(run(5), run(5));
  assert.notDeepEqual(run(5), run(6));
});

test('a probability outside [0, 1] is refused', () => {
  for (const probability of [-0.1, 1.5, Number.NaN]) {
    assert.throws(() => createRandomError(probability, createRandom(1)), RangeError);
  }
});

test('the generator stays in [0, 1) and spreads evenly', () => {
  const random = createRandom(3);
  const deciles = new Array<number>(10).fill(0);
  for (let i = 0; i < 100_000; i++) {
    const value = random();
    assert.ok(value >= 0 && value < 1);
    const decile = Math.floor(value * 10);
    deciles[decile] = (deciles[decile] ?? 0) + 1;
  }
  for (const count of deciles) assert.ok(Math.abs(count - 10_000) < 500, `decile count ${count}`);
});
