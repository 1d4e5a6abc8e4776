import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, parseDuration } from './duration.ts';

test('durations as Kubernetes writes them', () => {
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('1m'), 60_000);
  assert.equal(parseDuration('1m30s'), 90_000);
  assert.equal(parseDuration('1.5s'), 1500);
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('2h'), 7_200_000);
});

test('anything else is not a duration', () => {
  for (const text of ['', '30', 's', '1d', '-1s', '1 s', '1s ', '1S', 'PT30S']) {
    assert.equal(parseDuration(text), undefined, text);
  }
});

test('formatted back in the largest whole unit', () => {
  assert.equal(formatDuration(30_000), '30s');
  assert.equal(formatDuration(120_000), '2m');
  assert.equal(formatDuration(1500), '1500ms');
});
