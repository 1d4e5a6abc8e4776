import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { connectKv } from './kvClient.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'kv-durability-'));
const running: ServiceProcess[] = [];
after(async () => {
  await stopAll(running);
  rmSync(dataDir, { recursive: true, force: true });
});

test('kill -9 in the middle of a write stream: the restarted kv serves every acknowledged write', async () => {
  const kv = await startService('kv', { env: { KV_DATA_DIR: dataDir, LOG_REQUESTS: 'false' } });
  running.push(kv);
  const client = connectKv(kv.grpcPort);
  const ackedPuts = new Map<string, string>();
  let incrementsSent = 0;
  let incrementsAcked = 0;
  let stop = false;
  const maxWrites = 20_000; // bound: the kill comes long before this

  // 32 writers, each alternating a Put of its own key and an Increment of one shared key, until kv dies.
  const writers = Array.from({ length: 32 }, async (_, writer) => {
    for (let i = 0; !stop && ackedPuts.size + incrementsSent < maxWrites; i++) {
      const key = `durable/${writer}/${i}`;
      const value = `${writer}:${i}:${'x'.repeat(i % 200)}`;
      try {
        await client.put(key, value);
        ackedPuts.set(key, value);
        incrementsSent++;
        await client.increment('durable/count', 1);
        incrementsAcked++;
      } catch {
        stop = true; // kv is gone: anything unacknowledged may or may not have landed
      }
    }
  });
  const killAfter = Date.now() + 15_000; // a busy machine acknowledges fewer; the check holds for any number
  while (ackedPuts.size < 1000 && Date.now() < killAfter) await new Promise((r) => setTimeout(r, 10));
  kv.child.kill('SIGKILL');
  await Promise.all(writers);
  client.close();
  assert.ok(ackedPuts.size >= 100, `only ${ackedPuts.size} writes acknowledged before the kill`);
  assert.ok(stop, 'the writers saw kv die mid-stream');

  const restarted = await startService('kv', { env: { KV_DATA_DIR: dataDir, LOG_REQUESTS: 'false' } });
  running.push(restarted);
  const reader = connectKv(restarted.grpcPort);
  try {
    const missing: string[] = [];
    for (const [key, value] of ackedPuts) {
      const stored = await reader.get(key).catch(() => undefined);
      if (stored?.toString() !== value) missing.push(key);
    }
    assert.deepEqual(missing, [], `${missing.length} of ${ackedPuts.size} acknowledged Puts lost`);
    const count = Number((await reader.get('durable/count')).toString());
    assert.ok(count >= incrementsAcked, `count ${count} < ${incrementsAcked} acknowledged increments`);
    assert.ok(count <= incrementsSent, `count ${count} > ${incrementsSent} increments sent`);
  } finally {
    reader.close();
  }
});

test('a List page token handed out before a restart still works after it (same data directory)', async () => {
  const dir = join(dataDir, 'tokens');
  const first = await startService('kv', { env: { KV_DATA_DIR: dir, LOG_REQUESTS: 'false' } });
  running.push(first);
  const before = connectKv(first.grpcPort);
  await Promise.all(['p/1', 'p/2', 'p/3'].map((key) => before.put(key, 'v')));
  const token = (await before.list({ prefix: 'p/', page_size: 2 })).next_page_token;
  before.close();
  await stopAll([first]);
  const second = await startService('kv', { env: { KV_DATA_DIR: dir, LOG_REQUESTS: 'false' } });
  running.push(second);
  const afterRestart = connectKv(second.grpcPort);
  try {
    const page = await afterRestart.list({ prefix: 'p/', page_size: 2, page_token: token });
    assert.deepEqual(
      page.entries.map((entry) => entry.key),
      ['p/3'],
    );
  } finally {
    afterRestart.close();
  }
});
