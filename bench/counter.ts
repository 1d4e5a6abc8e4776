// counter end to end, one run: 64 concurrent clients POSTing to one counter replica backed by kv, against the
// same counter backed by Redis with `appendfsync always` (the store a user would pick instead; Debian's
// redis-server, started here on loopback). Both stores reply only after fsync. The count must grow by exactly
// the number of 200s. Measured with the counter as shipped (concurrent POSTs coalesced into one store call)
// and with one store call per POST. All four stacks run at once and take turns in 2 s slices, so a change in
// the machine's load hits them alike. Also: INCR straight to that Redis. Ratios matter, not absolutes.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createClient } from 'redis';
import { round } from './lib/measure.ts';
import { freePort, startScript, stopAllProcesses } from './lib/processes.ts';
import { writeResult } from './lib/results.ts';
import { cpuMsPerRequest, interleave, median, requestsPerSecond, type Tally } from './lib/slices.ts';

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

interface Stack {
  name: string;
  counterUrl: string;
  /** Processes whose CPU time is charged to this stack's POSTs. */
  pids: Record<string, number>;
}

/** A fixed number of POSTs that all complete: the count must grow by exactly the number of 200s. */
async function exactRun(stack: Stack) {
  const countBefore = await readCount(stack.counterUrl);
  const fixed = await autocannon({
    url: `${stack.counterUrl}/`,
    method: 'POST',
    connections,
    amount: exactPosts,
  });
  const counted = (await readCount(stack.counterUrl)) - countBefore;
  const failed = fixed.non2xx + fixed.errors + fixed.timeouts;
  // A failed POST has an unknown outcome, so exactness is only claimable when none failed.
  const exact = failed === 0 && counted === fixed['2xx'] && counted === exactPosts;
  return { posts: exactPosts, acknowledged: fixed['2xx'], failed, counted, exact };
}

/** POSTs answered per Increment call to kv, from the counter's own metrics (the coalescing factor). */
async function postsPerKvCall(counterUrl: string): Promise<number | undefined> {
  const text = await (await fetch(`${counterUrl}/metrics`)).text();
  const sum = (pattern: RegExp) =>
    text
      .split('\n')
      .filter((line) => pattern.test(line))
      .reduce((total, line) => total + Number(line.split(' ').at(-1)), 0);
  const posts = sum(/^http_requests_total\{[^}]*method="POST"[^}]*route="\/"/);
  const calls = sum(/^grpc_client_handled_total\{[^}]*grpc_method="Increment"/);
  return calls > 0 ? round(posts / calls, 1) : undefined;
}

/** Every stack gets a warm-up slice, then 2 s slices in turn until each had `seconds` of load. */
async function interleaved(stacks: Stack[]) {
  const tallies = await interleave(
    stacks.map((stack) => ({
      url: `${stack.counterUrl}/`,
      method: 'POST' as const,
      pids: stack.pids,
    })),
    { connections, slices: Math.max(1, Math.round(seconds / 2)) },
  );
  await new Promise((resolve) => setTimeout(resolve, 500)); // let the last slices' in-flight POSTs land
  const figures = [];
  for (const [index, stack] of stacks.entries()) {
    const tally = tallies[index] as Tally;
    const exact = await exactRun(stack);
    figures.push({
      name: stack.name,
      postsPerSecond: requestsPerSecond(tally),
      medianSliceP50Ms: median(tally.p50s),
      medianSliceP99Ms: median(tally.p99s),
      timedFailures: tally.failures,
      cpuMsPerPost: cpuMsPerRequest(tally),
      exactRun: exact,
      postsPerKvCall: await postsPerKvCall(stack.counterUrl),
    });
    console.log(
      `${stack.name.padEnd(34)} ${figures.at(-1)?.postsPerSecond} POST/s  median p50 ${median(tally.p50s)} ms  ` +
        `p99 ${median(tally.p99s)} ms  ${exactPosts} POSTs → count +${exact.counted} (${exact.failed} failed) ` +
        `exact: ${exact.exact}`,
    );
  }
  return figures;
}

async function redisIncrCeiling(url: string) {
  const client = createClient({ url });
  await client.connect();
  let calls = 0;
  const end = performance.now() + 3000;
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
  console.log(`${'INCR straight to redis'.padEnd(34)} ${perSecond} INCR/s (64 in flight, one connection)`);
  return { perSecond };
}

let redis: ChildProcess | undefined;
try {
  const redisServer = await startRedis();
  redis = redisServer.child;
  const redisPid = redis.pid as number;
  const kv = await startScript('services/kv/src/main.ts', { KV_DATA_DIR: join(scratch, 'kv') });
  // The counter as shipped (concurrent POSTs coalesced into one store call), then one store call per POST.
  const stacks: Stack[] = [];
  for (const coalesce of [true, false]) {
    const suffix = coalesce ? '' : ', one call per POST';
    const common = { COUNTER_KEY: `counter/coalesce-${coalesce}`, COALESCE_INCREMENTS: String(coalesce) };
    const onKv = await startScript('services/counter/src/main.ts', {
      ...common,
      KV_TARGET: `ipv4:127.0.0.1:${kv.grpcPort}`,
    });
    const onRedis = await startScript('services/counter/src/main.ts', {
      ...common,
      COUNTER_STORE: 'redis',
      REDIS_URL: redisServer.url,
    });
    stacks.push(
      { name: `counter → kv${suffix}`, counterUrl: onKv.url, pids: { counter: onKv.pid, kv: kv.pid } },
      {
        name: `counter → redis${suffix}`,
        counterUrl: onRedis.url,
        pids: { counter: onRedis.pid, redis: redisPid },
      },
    );
  }
  const scenarios = await interleaved(stacks);
  await stopAllProcesses();
  const ceiling = await redisIncrCeiling(redisServer.url);
  const rate = (name: string) => scenarios.find((scenario) => scenario.name === name)?.postsPerSecond ?? 0;
  const summary = {
    kvVsRedis: round(rate('counter → kv') / rate('counter → redis'), 3),
    kvVsRedisOneCallPerPost: round(
      rate('counter → kv, one call per POST') / rate('counter → redis, one call per POST'),
      3,
    ),
    everyCountExact: scenarios.every((scenario) => scenario.exactRun.exact),
  };
  console.log(summary);
  writeResult('counter', {
    seconds,
    connections,
    loadAverage1m: round(loadavg()[0] ?? 0, 1),
    scenarios,
    redisIncrCeiling: ceiling,
    summary,
  });
} finally {
  await stopAllProcesses();
  if (redis && redis.exitCode === null) {
    redis.kill('SIGTERM');
    await once(redis, 'exit');
  }
  rmSync(scratch, { recursive: true, force: true });
}
