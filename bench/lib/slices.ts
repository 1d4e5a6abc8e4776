// Load in short interleaved slices: every compared stack is up at once and they take turns, so a change in this
// machine's speed (it drifts by tens of percent from one minute to the next) hits them alike, and a ratio of
// two stacks' neighbouring slices cancels most of it.
import autocannon from 'autocannon';
import { cpuSeconds } from './measure.ts';

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
  /** CPU seconds of the load generator (autocannon, in this process: it shares the cores with the servers). */
  clientCpu: number;
}

export interface SliceOptions {
  connections: number;
  sliceMs?: number;
  /** Measured slices per target (after one warm-up slice each). */
  slices: number;
}

async function slice(target: SliceTarget, { connections, sliceMs = 2000 }: SliceOptions, tally?: Tally) {
  const cpuBefore = Object.fromEntries(
    Object.entries(target.pids).map(([key, pid]) => [key, cpuSeconds(pid)]),
  );
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    connections,
    duration: sliceMs / 1000,
  });
  if (!tally) return;
  const ms = performance.now() - started;
  const client = process.cpuUsage(clientBefore);
  tally.clientCpu += (client.user + client.system) / 1e6;
  tally.ms += ms;
  tally.requests += result.requests.total;
  tally.failures += result.non2xx + result.errors + result.timeouts;
  tally.perSecond.push(result.requests.total / (ms / 1000));
  tally.p50s.push(result.latency.p50);
  tally.p99s.push(result.latency.p99);
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
