import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeField } from './timestamp.ts';

const expected = (millis: number) => `,"time":"${new Date(millis).toISOString()}"`;

test('the time field reads as toISOString, through millisecond and second boundaries and back in time', () => {
  const start = Date.UTC(2026, 11, 31, 23, 59, 58, 990);
  const instants = [];
  for (let millis = start; millis < start + 2_100; millis += 3) instants.push(millis, millis, millis + 1);
  instants.push(
    0,
    999,
    1_000,
    86_399_999,
    start - 1,
    start + 1_000,
    -1,
    -1_001,
    -86_400_000,
    start,
    start + 5,
  );
  for (const millis of instants) assert.equal(timeField(millis), expected(millis), String(millis));
});

test('the time field matches toISOString at random instants across two centuries', () => {
  for (let i = 0; i < 20_000; i++) {
    const millis = Math.floor(Math.random() * Date.UTC(2100, 0, 1));
    assert.equal(timeField(millis), expected(millis), String(millis));
  }
});
