import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkQueue } from './workQueue.ts';

test('repeated adds of a waiting key merge into one', async () => {
  const queue = new WorkQueue();
  for (let i = 0; i < 5; i++) queue.add('ns/a');
  queue.add('ns/b');
  assert.equal(queue.depth, 2);
  assert.equal(await queue.get(), 'ns/a');
  assert.equal(await queue.get(), 'ns/b');
});

test('a key added while being processed runs again after, never twice at once', async () => {
  const queue = new WorkQueue();
  queue.add('k');
  const key = await queue.get();
  queue.add('k');
  assert.equal(queue.depth, 0, 'not queued while processing');
  queue.done(key as string);
  assert.equal(queue.depth, 1);
  assert.equal(await queue.get(), 'k');
});

test('failures back off exponentially per key; forget resets', () => {
  const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 50 });
  assert.deepEqual(
    [1, 2, 3, 4].map(() => queue.addRateLimited('k')),
    [10, 20, 40, 50],
  );
  assert.equal(queue.addRateLimited('other'), 10, 'per key');
  queue.forget('k');
  assert.equal(queue.addRateLimited('k'), 10);
  queue.shutDown();
});

test('addAfter delivers the key later; shutDown releases waiting workers', async () => {
  const queue = new WorkQueue();
  queue.addAfter('later', 30);
  const started = Date.now();
  assert.equal(await queue.get(), 'later');
  assert.ok(Date.now() - started >= 25);
  const waiting = queue.get();
  queue.shutDown();
  assert.equal(await waiting, undefined);
  queue.add('ignored');
  await sleep(5);
  assert.equal(queue.depth, 0);
});

test('reports how long each key waited before a worker took it', async () => {
  const waited: number[] = [];
  const queue = new WorkQueue({ onLatency: (ms) => waited.push(ms) });
  queue.add('a');
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(await queue.get(), 'a');
  assert.equal(waited.length, 1);
  assert.ok((waited[0] ?? 0) >= 25, `waited ${waited[0]} ms`);
});
