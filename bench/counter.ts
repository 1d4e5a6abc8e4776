// counter end to end, one run: 64 concurrent clients POSTing to one counter replica backed by kv, against the
// same counter backed by Redis with `appendfsync always` (the store a user would pick instead; Debian's
// redis-server, started here on loopback). Both stores reply only after fsync. The count must grow by exactly
// the number of 200s. Measured with the counter as shipped (concurrent POSTs coalesced into one store call)
// and with one store call per POST. Also: INCR straight to that Redis. Ratios matter, not absolutes.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createClient } from 'redis';
import { cpuSeconds, round } from './lib/measure.ts';
import { freePort, startScript, stopAllProcesses } from './lib/processes.ts';
import { writeResult } from './lib/results.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = 64;
const exactPosts = 3000;
const scratch = mkdtempSync(join(tmpdir(), 'bench-counter-'));

async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', scratch, '--save', ''],
      ...['--appendonly', 'yes', '--appendfsync', 'always', '--loglevel', 'warning', '--daemonize', 'no'],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  child.on('error', (error) => {
    console.error(`redis-server could not start (${error.message}); run .ci/install-bench-deps.sh`);
    process.exit(1);
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const probe = createClient({ url, socket: { reconnectStrategy: false } });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.close();
      return { url, child };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error('redis-server did not answer');
}

const readCount = async (counterUrl: string) =>
  ((await (await fetch(`${counterUrl}/`)).json()) as { post_requests: number }).post_requests;

async function scenario(name: string, processes: Record<string, number>, counterUrl: string) {
  const url = `${counterUrl}/`;
  await autocannon({ url, method: 'POST', connections, duration: 2 });
  const before = Object.fromEntries(Object.entries(processes).map(([key, pid]) => [key, cpuSeconds(pid)]));
  const timed = await autocannon({ url, method: 'POST', connections, duration: seconds });
  const cpuMsPerPost = Object.fromEntries(
    Object.entries(processes).map(([key, pid]) => [
      key,
      round((1000 * (cpuSeconds(pid) - (before[key] ?? 0))) / Math.max(timed.requests.total, 1), 4),
    ]),
  );
  // A timed run ends with requests still in flight (answered, but not counted by autocannon), so exactness
  // is checked on a run of a fixed number of POSTs that all complete.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const countBefore = await readCount(counterUrl);
  const fixed = await autocannon({ url, method: 'POST', connections, amount: exactPosts });
  const counted = (await readCount(counterUrl)) - countBefore;
  const failed = fixed.non2xx + fixed.errors + fixed.timeouts;
  const figures = {
    name,
    postsPerSecond: round(timed.requests.average, 0),
    p50Ms: timed.latency.p50,
    p99Ms: timed.latency.p99,
    timedFailures: timed.non2xx + timed.errors + timed.timeouts,
    exactRun: { posts: exactPosts, acknowledged: fixed['2xx'], failed, counted },
    // A failed POST has an unknown outcome, so exactness is only claimable when none failed.
    finalCountExact: failed === 0 && counted === fixed['2xx'] && counted === exactPosts,
    cpuMsPerPost,
  };
  console.log(
    `${name.padEnd(28)} ${figures.postsPerSecond} POST/s  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  ` +
      `${exactPosts} POSTs → count +${counted} (${failed} failed) exact: ${figures.finalCountExact}`,
  );
  return figures;
}

async function redisIncrCeiling(url: string) {
  const client = createClient({ url });
  await client.connect();
  let calls = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        await client.incr('bench/ceiling');
        calls++;
      }
    }),
  );
  const perSecond = round(calls / ((performance.now() - started) / 1000), 0);
  await client.close();
  console.log(`${'INCR straight to redis'.padEnd(28)} ${perSecond} INCR/s (64 in flight, one connection)`);
  return { perSecond };
}

let redis: ChildProcess | undefined;
try {
  const redisServer = await startRedis();
  redis = redisServer.child;
  const scenarios = [];
  // Both stores with the counter as shipped (concurrent POSTs coalesced into one store call), then without.
  for (const coalesce of [true, false]) {
    const suffix = coalesce ? '' : ', one call per POST';
    const kv = await startScript('services/kv/src/main.ts', { KV_DATA_DIR: join(scratch, `kv-${coalesce}`) });
    const kvCounter = await startScript('services/counter/src/main.ts', {
      KV_TARGET: `ipv4:127.0.0.1:${kv.grpcPort}`,
      COALESCE_INCREMENTS: String(coalesce),
    });
    const onKv = await scenario(
      `counter → kv${suffix}`,
      { counter: kvCounter.pid, kv: kv.pid },
      kvCounter.url,
    );
    await stopAllProcesses();
    const redisCounter = await startScript('services/counter/src/main.ts', {
      COUNTER_STORE: 'redis',
      REDIS_URL: redisServer.url,
      COUNTER_KEY: `counter/coalesce-${coalesce}`,
      COALESCE_INCREMENTS: String(coalesce),
    });
    const onRedis = await scenario(
      `counter → redis${suffix}`,
      { counter: redisCounter.pid, redis: redis.pid as number },
      redisCounter.url,
    );
    await stopAllProcesses();
    scenarios.push({
      coalesce,
      onKv,
      onRedis,
      kvVsRedis: round(onKv.postsPerSecond / onRedis.postsPerSecond, 3),
    });
  }
  const ceiling = await redisIncrCeiling(redisServer.url);
  const summary = Object.fromEntries(
    scenarios.map(({ coalesce, kvVsRedis }) => [
      coalesce ? 'kvVsRedis' : 'kvVsRedisOneCallPerPost',
      kvVsRedis,
    ]),
  );
  const exact = scenarios.every(({ onKv, onRedis }) => onKv.finalCountExact && onRedis.finalCountExact);
  console.log({ ...summary, everyCountExact: exact });
  writeResult('counter', {
    seconds,
    connections,
    loadAverage1m: round(loadavg()[0] ?? 0, 1),
    scenarios,
    redisIncrCeiling: ceiling,
    summary: { ...summary, everyCountExact: exact },
  });
} finally {
  await stopAllProcesses();
  if (redis && redis.exitCode === null) {
    redis.kill('SIGTERM');
    await once(redis, 'exit');
  }
  rmSync(scratch, { recursive: true, force: true });
}
