// Load in short interleaved slices: every compared stack is up at once and they take turns, so a change in this
// machine's speed (it drifts by tens of percent from one minute to the next) hits them alike, and a ratio of
// two stacks' neighbouring slices cancels most of it.
// The load comes from wrk (C, one thread, https://github.com/wg/wrk): the client shares the two cores with the
// servers, and autocannon (JavaScript) took a fifth of all CPU per request, which pulled every ratio towards 1.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cpuSeconds, exitedChildrenCpuSeconds, round } from './measure.ts';

const run = promisify(execFile);
const report = fileURLToPath(new URL('wrk-report.lua', import.meta.url));

export interface SliceTarget {
  url: string;
  method?: 'GET' | 'POST';
  /** Processes whose CPU time is charged to this target's requests. */
  pids: Record<string, number>;
}

export interface Tally {
  requests: number;
  ms: number;
  failures: number;
  /** Requests per second, p50 and p99 of each measured slice, in order. */
  perSecond: number[];
  p50s: number[];
  p99s: number[];
  /** CPU seconds each process used during the measured slices. */
  cpu: Record<string, number>;
  /** CPU seconds of the load generator (wrk, a child of this process: it shares the cores with the servers). */
  clientCpu: number;
}

export interface SliceOptions {
  connections: number;
  sliceMs?: number;
  /** Measured slices per target (after one warm-up slice each). */
  slices: number;
}

interface WrkReport {
  requests: number;
  durationUs: number;
  failures: number;
  p50Us: number;
  p99Us: number;
}

async function wrk(target: SliceTarget, connections: number, sliceMs: number): Promise<WrkReport> {
  const args = ['-t1', `-c${connections}`, `-d${Math.max(1, Math.round(sliceMs / 1000))}s`, '-s', report];
  try {
    const { stdout } = await run('wrk', [...args, target.url], {
      env: { ...process.env, WRK_METHOD: target.method ?? 'GET' },
    });
    return JSON.parse(stdout.trim().split('\n').at(-1) as string) as WrkReport;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('wrk is not installed: run .ci/install-bench-deps.sh (Debian package wrk)');
    }
    throw error;
  }
}

async function slice(target: SliceTarget, { connections, sliceMs = 2000 }: SliceOptions, tally?: Tally) {
  const cpuBefore = Object.fromEntries(
    Object.entries(target.pids).map(([key, pid]) => [key, cpuSeconds(pid)]),
  );
  const clientBefore = exitedChildrenCpuSeconds();
  const result = await wrk(target, connections, sliceMs);
  if (!tally) return;
  const ms = result.durationUs / 1000;
  tally.clientCpu += exitedChildrenCpuSeconds() - clientBefore;
  tally.ms += ms;
  tally.requests += result.requests;
  tally.failures += result.failures;
  tally.perSecond.push(result.requests / (ms / 1000));
  tally.p50s.push(result.p50Us / 1000);
  tally.p99s.push(result.p99Us / 1000);
  for (const [key, pid] of Object.entries(target.pids)) {
    tally.cpu[key] = (tally.cpu[key] ?? 0) + cpuSeconds(pid) - (cpuBefore[key] ?? 0);
  }
}

/** A warm-up slice each, then `slices` rounds in which every target gets one slice in turn. */
export async function interleave(targets: SliceTarget[], options: SliceOptions): Promise<Tally[]> {
  for (const target of targets) await slice(target, options);
  const tallies = targets.map(
    (): Tally => ({
      requests: 0,
      ms: 0,
      failures: 0,
      perSecond: [],
      p50s: [],
      p99s: [],
      cpu: {},
      clientCpu: 0,
    }),
  );
  for (let round = 0; round < options.slices; round++) {
    for (const [index, target] of targets.entries()) await slice(target, options, tallies[index]);
  }
  return tallies;
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** The median over slices of `a[i] ÷ b[i]`: each pair measured seconds apart. */
export const medianRatio = (a: number[], b: number[]) =>
  median(a.map((value, i) => value / (b[i] as number)));

export const requestsPerSecond = (tally: Tally) => round(tally.requests / (tally.ms / 1000), 0);

/** Milliseconds of CPU per request of the tally, from CPU seconds spent on it. */
export const msPerRequest = (tally: Tally, cpu: number) =>
  round((1000 * cpu) / Math.max(tally.requests, 1), 4);

/** CPU milliseconds per request of each process charged to the tally. */
export const cpuMsPerRequest = (tally: Tally) =>
  Object.fromEntries(Object.entries(tally.cpu).map(([key, cpu]) => [key, msPerRequest(tally, cpu)]));
