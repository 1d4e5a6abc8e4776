// counter ×2 on one kv, with real processes and LMDB files: the count is exact under concurrency, and a
// kill -9 of kv or of a counter replica never loses an acknowledged POST nor counts more POSTs than were sent.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { postStream, readCount } from './postStream.ts';

describe('counter ×2 on kv under load', () => {
  const root = mkdtempSync(join(tmpdir(), 'counter-load-'));
  let dataDir = '';
  let kv: ServiceProcess | undefined;
  let counters: ServiceProcess[] = [];
  const quiet = { LOG_REQUESTS: 'false' };
  const startKv = (ports: { httpPort?: number; grpcPort?: number } = {}) =>
    startService('kv', { env: { KV_DATA_DIR: dataDir, ...quiet }, ...ports });
  const startCounter = (kvGrpcPort: number, httpPort?: number) =>
    startService('counter', {
      env: { KV_TARGET: `ipv4:127.0.0.1:${kvGrpcPort}`, ...quiet },
      ...(httpPort === undefined ? {} : { httpPort }),
    });
  const urls = () => counters.map((counter) => counter.url);

  beforeEach(async (context) => {
    dataDir = join(root, context.name.replace(/\W+/g, '-'));
    kv = await startKv();
    const grpcPort = kv.grpcPort;
    counters = await Promise.all([startCounter(grpcPort), startCounter(grpcPort)]);
  });
  afterEach(() => stopAll([...counters, kv]));
  after(() => rmSync(root, { recursive: true, force: true }));

  test('3 × 2,000 concurrent POSTs over both replicas: the count is exactly the number of 200s', async () => {
    let acked = 0;
    for (let round = 0; round < 3; round++) {
      const result = await postStream({ urls, concurrency: 64, maxSent: 2000, maxMs: 60_000 });
      assert.equal(result.sent, 2000, `round ${round} ran out of time: ${JSON.stringify(result)}`);
      acked += result.acked;
      const counts = await Promise.all(urls().map(readCount));
      assert.deepEqual(counts, [acked, acked], `after round ${round}: ${JSON.stringify(result.statuses)}`);
    }
    assert.equal(acked, 6000, 'with kv up, every POST is acknowledged');
  });

  test('kill -9 kv mid-stream and restart it: acked ≤ count ≤ sent', async () => {
    const { httpPort, grpcPort } = kv as ServiceProcess;
    let killedAt = -1;
    let restarted: Promise<void> | undefined;
    const result = await postStream({
      urls,
      concurrency: 32,
      maxSent: 20_000,
      maxMs: 40_000,
      until: (progress) => {
        if (killedAt < 0 && progress.acked >= 500) {
          killedAt = progress.acked;
          restarted = (async () => {
            await (kv as ServiceProcess).stop('SIGKILL');
            await sleep(300);
            kv = await startKv({ httpPort, grpcPort });
          })();
        }
        return killedAt >= 0 && progress.acked >= killedAt + 500; // 500 more after the restart
      },
    });
    await restarted;
    assert.ok(killedAt >= 0 && result.acked >= killedAt + 500, `no recovery: ${JSON.stringify(result)}`);
    assert.ok((result.statuses['503'] ?? 0) > 0, 'the kill was seen as 503s');
    const counts = await Promise.all(urls().map(readCount));
    assert.equal(counts[0], counts[1], 'both replicas answer the same count');
    const count = counts[0] as number;
    assert.ok(count >= result.acked, `lost acknowledged POSTs: count ${count} < ${result.acked} acked`);
    assert.ok(count <= result.sent, `counted POSTs never sent: count ${count} > ${result.sent} sent`);
    assert.ok(count >= result.highest, 'no acknowledged count was rolled back');
  });

  test('kill -9 a counter replica mid-stream and restart it: acked ≤ count ≤ sent', async () => {
    const victim = counters[0] as ServiceProcess;
    let killedAt = -1;
    let restarted: Promise<void> | undefined;
    const result = await postStream({
      urls,
      concurrency: 32,
      maxSent: 20_000,
      maxMs: 40_000,
      until: (progress) => {
        if (killedAt < 0 && progress.acked >= 500) {
          killedAt = progress.acked;
          restarted = (async () => {
            await victim.stop('SIGKILL');
            counters[0] = await startCounter((kv as ServiceProcess).grpcPort, victim.httpPort);
          })();
        }
        return killedAt >= 0 && progress.acked >= killedAt + 500;
      },
    });
    await restarted;
    assert.ok(killedAt >= 0 && result.acked >= killedAt + 500, `no recovery: ${JSON.stringify(result)}`);
    const counts = await Promise.all(urls().map(readCount));
    assert.equal(counts[0], counts[1], 'the restarted replica answers the same count');
    const count = counts[0] as number;
    assert.ok(count >= result.acked, `lost acknowledged POSTs: count ${count} < ${result.acked} acked`);
    assert.ok(count <= result.sent, `counted POSTs never sent: count ${count} > ${result.sent} sent`);
  });
});
