// COUNTER_STORE=redis: the same contract on Debian's redis-server (started here on loopback with
// `appendfsync always`). Skipped when redis-server is not installed (.ci/install-bench-deps.sh installs it).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { postStream, readCount } from './postStream.ts';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

describe('counter with COUNTER_STORE=redis', {
  skip: hasRedis ? false : 'redis-server is not installed',
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'counter-redis-'));
  let redis: ChildProcess | undefined;
  let redisPort = 0;
  let counter: ServiceProcess | undefined;
  const startRedis = async () => {
    redis = spawn(
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', dir, '--save', ''].concat([
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--loglevel',
        'warning',
      ]),
      { stdio: 'ignore' },
    );
    for (const until = Date.now() + 10_000; Date.now() < until; await sleep(50)) {
      const socket = connect(redisPort, '127.0.0.1');
      const up = await new Promise<boolean>((resolve) => {
        socket.once('connect', () => resolve(true));
        socket.once('error', () => resolve(false));
      });
      socket.destroy();
      if (up) return;
    }
    throw new Error('redis-server did not listen within 10 s');
  };
  before(async () => {
    redisPort = await freePort();
    await startRedis();
    counter = await startService('counter', {
      env: { COUNTER_STORE: 'redis', REDIS_URL: `redis://127.0.0.1:${redisPort}`, LOG_REQUESTS: 'false' },
    });
  });
  after(async () => {
    await stopAll([counter]);
    redis?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('counts concurrent POSTs exactly', async () => {
    const url = (counter as ServiceProcess).url;
    const result = await postStream({ urls: () => [url], concurrency: 32, maxSent: 1000, maxMs: 30_000 });
    assert.equal(result.acked, 1000, JSON.stringify(result.statuses));
    assert.equal(await readCount(url), 1000);
  });

  test('redis down → 503 and nothing counted; back by itself when redis returns (AOF kept the count)', async () => {
    const url = (counter as ServiceProcess).url;
    const child = redis as ChildProcess;
    child.kill('SIGKILL');
    await once(child, 'exit');
    const down = await fetch(`${url}/`, { method: 'POST' });
    assert.equal(down.status, 503);
    await startRedis();
    let status = 0;
    for (const until = Date.now() + 10_000; status !== 200 && Date.now() < until; await sleep(100)) {
      status = (await fetch(`${url}/`)).status;
    }
    assert.equal(status, 200, 'counter did not reconnect to redis within 10 s');
    assert.deepEqual(await (await fetch(`${url}/`, { method: 'POST' })).json(), { post_requests: 1001 });
  });
});
