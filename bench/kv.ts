// kv alone, one run: durable Increments/s at 64 concurrent calls against the transport's ceiling (the standard
// gRPC health Check on the same server), how many increments share one fsynced commit, and Get over gRPC
// against in-process lmdb reads (the upper bound). The workloads run in interleaved 1 s slices (Check,
// Increment, Get, Check, …) so a change in the machine's load hits them alike. Ratios are what to compare.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { loadProto } from '@podmesh/runtime/grpc';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { open } from 'lmdb';
import type { ProtoGrpcType } from '../proto/generated/kv.ts';
import { openStore } from '../services/kv/src/store.ts';
import { cpuSeconds, round } from './lib/measure.ts';
import { startScript, stopAllProcesses } from './lib/processes.ts';
import { writeResult } from './lib/results.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5); // per workload, in 1 s slices
const concurrency = 64;
const scratch = mkdtempSync(join(tmpdir(), 'bench-kv-'));

interface Tally {
  calls: number;
  errors: number;
  ms: number;
  cpuSeconds: number;
  latencies: number[];
}

/** `concurrency` loops calling `call` back to back for `ms`; adds to the tally. */
async function slice(call: () => Promise<unknown>, ms: number, tally: Tally, pid?: number): Promise<void> {
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  const started = performance.now();
  const end = started + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const callStarted = performance.now();
        try {
          await call();
          tally.calls++;
          tally.latencies.push(performance.now() - callStarted);
        } catch {
          tally.errors++;
        }
      }
    }),
  );
  tally.ms += performance.now() - started;
  if (pid) tally.cpuSeconds += cpuSeconds(pid) - cpuBefore;
}

interface Rate {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  calls: number;
  /** Successful calls including the warm-up's: what a store must hold afterwards. */
  succeededWithWarmup: number;
  errors: number;
  /** CPU of the server process per call, when its pid is given. */
  cpuMsPerCall?: number;
}

/** Each workload: a 1 s warm-up slice (not measured), then `seconds` measured slices, interleaved. */
async function interleaved<K extends string>(
  workloads: Record<K, () => Promise<unknown>>,
  pid?: number,
): Promise<Record<K, Rate>> {
  const fresh = (): Tally => ({ calls: 0, errors: 0, ms: 0, cpuSeconds: 0, latencies: [] });
  const warm = Object.fromEntries(Object.keys(workloads).map((name) => [name, fresh()]));
  const measured = Object.fromEntries(Object.keys(workloads).map((name) => [name, fresh()]));
  const entries = Object.entries(workloads) as Array<[K, () => Promise<unknown>]>;
  for (const [name, call] of entries) await slice(call, 1000, warm[name] as Tally);
  for (let round = 0; round < seconds; round++) {
    for (const [name, call] of entries) await slice(call, 1000, measured[name] as Tally, pid);
  }
  return Object.fromEntries(
    Object.entries(measured).map(([name, tally]): [string, Rate] => {
      const sorted = tally.latencies.sort((a, b) => a - b);
      const at = (q: number) => round(sorted[Math.floor(q * (sorted.length - 1))] ?? 0, 2);
      return [
        name,
        {
          perSecond: round(tally.calls / (tally.ms / 1000), 0),
          p50Ms: at(0.5),
          p99Ms: at(0.99),
          calls: tally.calls,
          succeededWithWarmup: tally.calls + (warm[name] as Tally).calls,
          errors: tally.errors + (warm[name] as Tally).errors,
          ...(pid ? { cpuMsPerCall: round((1000 * tally.cpuSeconds) / Math.max(tally.calls, 1), 4) } : {}),
        },
      ];
    }),
  ) as Record<K, Rate>;
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

/** Commits LMDB made in that directory: with overlappingSync off, each one is an fsynced transaction. */
async function commitsIn(dataDir: string): Promise<number> {
  const db = open({ path: dataDir, readOnly: true });
  const { lastTxnId } = db.getStats() as { lastTxnId: number };
  await db.close();
  return lastTxnId;
}

async function overGrpc(logRequests: boolean) {
  const dataDir = join(scratch, `server-${logRequests}`);
  const kv = await startScript('services/kv/src/main.ts', {
    KV_DATA_DIR: dataDir,
    LOG_REQUESTS: String(logRequests),
  });
  const { grpcObject } = loadProto<ProtoGrpcType>('podmesh/kv/v1/kv.proto');
  const address = `127.0.0.1:${kv.grpcPort}`;
  const client = new grpcObject.podmesh.kv.v1.KeyValueService(address, grpc.credentials.createInsecure());
  const healthProto = grpc.loadPackageDefinition(loadSync(healthProtoPath)) as unknown as {
    grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
  };
  const health = new healthProto.grpc.health.v1.Health(address, grpc.credentials.createInsecure());
  try {
    await unary(client, 'Put', { key: 'bench/value', value: Buffer.alloc(100, 1) }); // commit 1
    const rates = await interleaved(
      {
        check: () => unary(health, 'Check', { service: '' }),
        increment: () => unary(client, 'Increment', { key: 'bench/n', delta: 1 }),
        get: () => unary(client, 'Get', { key: 'bench/value' }),
      },
      kv.pid,
    );
    const final = await unary<{ value: Buffer }>(client, 'Get', { key: 'bench/n' });
    return { rates, final: Number(final.value.toString()) };
  } finally {
    client.close();
    health.close();
    await stopAllProcesses();
    // After the process is gone: every commit it made is in the file.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function inProcess() {
  const store = openStore(join(scratch, 'in-process'));
  try {
    await store.put('bench/value', Buffer.alloc(100, 1));
    // CPU of this whole process (main thread + lmdb's writer thread) per increment, warm-up included.
    const cpuBefore = process.cpuUsage();
    const { increment } = await interleaved({ increment: () => store.increment('bench/n', 1n) });
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerIncrement = round((cpu.user + cpu.system) / 1000 / increment.succeededWithWarmup, 4);
    // Reads are synchronous: one loop, no concurrency to add.
    let reads = 0;
    const started = performance.now();
    while (performance.now() < started + seconds * 1000) {
      for (let i = 0; i < 1000; i++) store.get('bench/value');
      reads += 1000;
    }
    return {
      increment,
      cpuMsPerIncrement,
      getPerSecond: round(reads / ((performance.now() - started) / 1000), 0),
    };
  } finally {
    await store.close();
  }
}

try {
  const ratio = (a: number, b: number) => round(a / b, 3);
  const local = await inProcess();
  console.log(
    `in-process lmdb: ${local.increment.perSecond} durable increments/s (${local.cpuMsPerIncrement} ms CPU ` +
      `each), ${local.getPerSecond} gets/s`,
  );
  const servers = [];
  for (const logRequests of [true, false]) {
    const { rates, final } = await overGrpc(logRequests);
    const { check, increment, get } = rates;
    const commits = await commitsIn(join(scratch, `server-${logRequests}`));
    const acknowledged = increment.succeededWithWarmup;
    const failed = increment.errors;
    const summary = {
      logRequests,
      ceilingPerSecond: check.perSecond,
      incrementPerSecond: increment.perSecond,
      incrementVsCeiling: ratio(increment.perSecond, check.perSecond),
      incrementsPerCommit: round(acknowledged / Math.max(commits - 1, 1), 1), // minus the Put's commit
      getPerSecond: get.perSecond,
      getVsInProcess: ratio(get.perSecond, local.getPerSecond),
      finalCount: final,
      acknowledged,
      // A failed call has an unknown outcome, so the count is claimed exact only when none failed.
      finalCountExact: final === acknowledged && failed === 0,
    };
    console.log(
      `kv over gRPC (LOG_REQUESTS=${logRequests}): Increment ${summary.incrementPerSecond}/s vs health Check ` +
        `${summary.ceilingPerSecond}/s → ${summary.incrementVsCeiling}×; ${summary.incrementsPerCommit} ` +
        `increments per fsynced commit; count exact: ${summary.finalCountExact}; ` +
        `Get ${summary.getPerSecond}/s = ${summary.getVsInProcess}× in-process`,
    );
    servers.push({ summary, rates });
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
