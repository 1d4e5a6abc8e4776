// kv alone, one run: durable Increments/s at 64 concurrent calls against the transport's ceiling (the standard
// gRPC health Check on the same server), how many increments share one fsynced commit, and Get over gRPC
// against in-process lmdb reads (the upper bound). Ratios are what to compare; absolute figures drift.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { loadProto } from '@podmesh/runtime';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { open } from 'lmdb';
import type { ProtoGrpcType } from '../proto/generated/kv.ts';
import { openStore } from '../services/kv/src/store.ts';
import { cpuSeconds, round } from './lib/measure.ts';
import { startScript, stopAllProcesses } from './lib/processes.ts';
import { writeResult } from './lib/results.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = 64;
const scratch = mkdtempSync(join(tmpdir(), 'bench-kv-'));

interface Rate {
  calls: number;
  /** Successful calls including the warm-up's: what a store must hold afterwards. */
  succeededWithWarmup: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** `concurrency` loops calling `call` back to back for `seconds` (after a 1 s warm-up). */
async function closedLoop(call: () => Promise<unknown>, warmup = true): Promise<Rate> {
  const run = async (ms: number, latencies?: number[]) => {
    let calls = 0;
    let errors = 0;
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const started = performance.now();
          try {
            await call();
            calls++;
            latencies?.push(performance.now() - started);
          } catch {
            errors++;
          }
        }
      }),
    );
    return { calls, errors };
  };
  const warm = warmup ? await run(1000) : { calls: 0, errors: 0 };
  const latencies: number[] = [];
  const started = performance.now();
  const { calls, errors } = await run(seconds * 1000, latencies);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0, 2);
  return {
    calls,
    succeededWithWarmup: calls + warm.calls,
    perSecond: round(calls / elapsed, 0),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    errors: errors + warm.errors,
  };
}

type Unary = (
  request: object,
  options: grpc.CallOptions,
  callback: (error: Error | null, reply: unknown) => void,
) => unknown;

function unary<T>(client: grpc.Client, method: string, request: object): Promise<T> {
  const invoke = (client as unknown as Record<string, Unary>)[method] as Unary;
  return new Promise((resolve, reject) =>
    invoke.call(client, request, { deadline: Date.now() + 5000 }, (error, reply) =>
      error ? reject(error) : resolve(reply as T),
    ),
  );
}

async function overGrpc(logRequests: boolean) {
  const dataDir = join(scratch, `server-${logRequests}`);
  const kv = await startScript('services/kv/src/main.ts', {
    KV_DATA_DIR: dataDir,
    LOG_REQUESTS: String(logRequests),
  });
  const { grpcObject } = loadProto<ProtoGrpcType>('podmesh/kv/v1/kv.proto');
  const client = new grpcObject.podmesh.kv.v1.KeyValueService(
    `127.0.0.1:${kv.grpcPort}`,
    grpc.credentials.createInsecure(),
  );
  const healthProto = grpc.loadPackageDefinition(loadSync(healthProtoPath)) as unknown as {
    grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
  };
  const health = new healthProto.grpc.health.v1.Health(
    `127.0.0.1:${kv.grpcPort}`,
    grpc.credentials.createInsecure(),
  );
  try {
    // The ceiling is measured before and after the increments, and the higher one is used: the ratio is
    // never flattered by a cold or disturbed ceiling run.
    const check = () => closedLoop(() => unary(health, 'Check', { service: '' }));
    const ceilingBefore = await check();
    const cpuBefore = cpuSeconds(kv.pid);
    const increment = await closedLoop(() => unary(client, 'Increment', { key: 'bench/n', delta: 1 }));
    const kvCpuMsPerIncrement = round((1000 * (cpuSeconds(kv.pid) - cpuBefore)) / increment.calls, 4);
    const ceilingAfter = await check();
    const ceiling = ceilingBefore.perSecond >= ceilingAfter.perSecond ? ceilingBefore : ceilingAfter;
    const final = await unary<{ value: Buffer }>(client, 'Get', { key: 'bench/n' });
    await unary(client, 'Put', { key: 'bench/value', value: Buffer.alloc(100, 1) });
    const get = await closedLoop(() => unary(client, 'Get', { key: 'bench/value' }));
    return {
      ceiling,
      ceilingRuns: [ceilingBefore.perSecond, ceilingAfter.perSecond],
      increment,
      kvCpuMsPerIncrement,
      get,
      final: Number(final.value.toString()),
      dataDir,
    };
  } finally {
    client.close();
    health.close();
    await stopAllProcesses();
  }
}

/** Commits LMDB made in that directory: with overlappingSync off, each one is an fsynced transaction. */
async function commitsIn(dataDir: string): Promise<number> {
  const db = open({ path: dataDir, readOnly: true });
  const { lastTxnId } = db.getStats() as { lastTxnId: number };
  await db.close();
  return lastTxnId;
}

async function inProcess() {
  const store = openStore(join(scratch, 'in-process'));
  try {
    const increment = await closedLoop(() => store.increment('bench/n', 1n));
    await store.put('bench/value', Buffer.alloc(100, 1));
    // Reads are synchronous: one loop, no concurrency to add.
    let reads = 0;
    const end = performance.now() + seconds * 1000;
    const started = performance.now();
    while (performance.now() < end) {
      for (let i = 0; i < 1000; i++) store.get('bench/value');
      reads += 1000;
    }
    const getPerSecond = round(reads / ((performance.now() - started) / 1000), 0);
    return { increment, getPerSecond };
  } finally {
    await store.close();
  }
}

try {
  const ratio = (a: number, b: number) => round(a / b, 3);
  const local = await inProcess();
  console.log(
    `in-process lmdb: ${local.increment.perSecond} durable increments/s, ${local.getPerSecond} gets/s`,
  );
  const servers = [];
  for (const logRequests of [true, false]) {
    const figures = await overGrpc(logRequests);
    const commits = await commitsIn(figures.dataDir);
    const acknowledged = figures.increment.succeededWithWarmup;
    const summary = {
      logRequests,
      ceilingPerSecond: figures.ceiling.perSecond,
      incrementPerSecond: figures.increment.perSecond,
      incrementVsCeiling: ratio(figures.increment.perSecond, figures.ceiling.perSecond),
      incrementsPerCommit: round(acknowledged / Math.max(commits - 1, 1), 1), // minus the one Put's commit
      getPerSecond: figures.get.perSecond,
      getVsInProcess: ratio(figures.get.perSecond, local.getPerSecond),
      // Failed calls have an unknown outcome, so the count is exact only when none failed.
      finalCount: figures.final,
      acknowledged,
      failedCalls: figures.increment.errors,
      finalCountExact: figures.final === acknowledged && figures.increment.errors === 0,
    };
    console.log(
      `kv over gRPC (LOG_REQUESTS=${logRequests}): Increment ${summary.incrementPerSecond}/s vs health Check ` +
        `${summary.ceilingPerSecond}/s → ${summary.incrementVsCeiling}×; ${summary.incrementsPerCommit} ` +
        `increments per fsynced commit; count exact: ${summary.finalCountExact}; ` +
        `Get ${summary.getPerSecond}/s = ${summary.getVsInProcess}× in-process`,
    );
    servers.push({ summary, figures });
  }
  // Other work on the machine skews every figure: record how busy it was.
  writeResult('kv', {
    seconds,
    concurrency,
    loadAverage1m: round(loadavg()[0] ?? 0, 1),
    inProcess: local,
    servers,
  });
} finally {
  await stopAllProcesses();
  rmSync(scratch, { recursive: true, force: true });
}
