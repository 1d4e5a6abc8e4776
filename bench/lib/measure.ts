// Shared benchmark plumbing: start processes, drive load with autocannon, read CPU time from /proc.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const clockTicksPerSecond = 100; // Linux USER_HZ

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

export function rssMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  cpuMsPerRequest: Record<string, number>;
  /** The load generator's own CPU (autocannon, in this process): it shares the cores with the servers. */
  clientCpuMsPerRequest: number;
}

/** Warms up, then measures `seconds` of load at `connections`, and the CPU each named process used per request. */
export async function measure(
  url: string,
  processes: Record<string, number>,
  { connections = 50, seconds = 8, warmupSeconds = 2 } = {},
): Promise<LoadFigures> {
  await autocannon({ url, connections, duration: warmupSeconds });
  const cpuBefore = Object.fromEntries(
    Object.entries(processes).map(([name, pid]) => [name, cpuSeconds(pid)]),
  );
  const clientBefore = process.cpuUsage();
  const result = await autocannon({ url, connections, duration: seconds });
  const client = process.cpuUsage(clientBefore);
  const requests = result.requests.total;
  const cpuMsPerRequest = Object.fromEntries(
    Object.entries(processes).map(([name, pid]) => [
      name,
      round((1000 * (cpuSeconds(pid) - (cpuBefore[name] ?? 0))) / Math.max(requests, 1), 4),
    ]),
  );
  return {
    requestsPerSecond: round(result.requests.average, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuMsPerRequest,
    clientCpuMsPerRequest: round((client.user + client.system) / 1000 / Math.max(requests, 1), 4),
  };
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
