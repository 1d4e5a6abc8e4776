// `npm start` as a developer runs it, on ports of the test's own so a developer's run on the defaults is untouched.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { freePort, repoRoot } from '@podmesh/testkit/processes';
import { discoverServices, overrideVariable } from '../../scripts/local/services.ts';

export interface LocalRun {
  npm: ChildProcess;
  /** Everything the run printed on stdout so far. */
  output(): string;
  /** `NAME=value` in the environment of the run and of every process it starts. */
  marker: string;
}

/** The first of `count` consecutive loopback ports that are free now (the runner gives replica i base + i). */
export async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = await freePort();
    const held: Server[] = [];
    try {
      for (let offset = 1; offset < count; offset++) {
        const server = createServer().listen(base + offset, '127.0.0.1');
        held.push(server);
        await once(server, 'listening');
      }
      return base;
    } catch {
      // one of the following ports is taken: try another base
    } finally {
      for (const server of held) server.close();
    }
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

/**
 * Replicas per service (`{ users: 2 }`; services not named run `others` replicas), each service on free ports.
 * Returns the run and each service's first HTTP port.
 */
export async function startLocalRun(
  replicas: Record<string, number>,
  others = 1,
): Promise<{ run: LocalRun; httpPorts: Map<string, number> }> {
  const env: Record<string, string> = {};
  const httpPorts = new Map<string, number>();
  for (const service of discoverServices()) {
    const count = replicas[service.name] ?? others;
    env[overrideVariable(service.name, 'REPLICAS')] = String(count);
    if (count === 0) continue;
    const httpPort = await freePorts(count);
    httpPorts.set(service.name, httpPort);
    env[overrideVariable(service.name, 'HTTP_PORT')] = String(httpPort);
    if (service.grpcPort !== undefined)
      env[overrideVariable(service.name, 'GRPC_PORT')] = String(await freePorts(count));
  }
  const markerValue = `${process.pid}-${Date.now()}`;
  const npmCli = process.env.npm_execpath; // set when this runs under `npm test`
  const npm = spawn(npmCli ? process.execPath : 'npm', [...(npmCli ? [npmCli] : []), 'start'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PODMESH_LOCAL_RUN_TEST: markerValue },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [npm.stdout, npm.stderr]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
  }
  return { run: { npm, output: () => output, marker: `PODMESH_LOCAL_RUN_TEST=${markerValue}` }, httpPorts };
}

export async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;
  } catch {
    return false;
  }
}

/** Waits until every port answers /readyz; fails naming the run's output after `timeoutMs`. */
export async function waitAnswering(run: LocalRun, ports: number[], timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    if ((await Promise.all(ports.map(answers))).every(Boolean)) return;
    if (Date.now() >= deadline)
      throw new Error(`not every port of ${ports} answered /readyz within ${timeoutMs} ms:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Pids of the processes whose environment carries `marker` (the run's own, inherited by every child). */
export function processesMarked(marker: string): number[] {
  if (process.platform !== 'linux') {
    // macOS: no /proc; BSD ps prints each process's environment after its command with -E.
    const listing = spawnSync('ps', ['-A', '-E', '-ww', '-o', 'pid=,command='], { encoding: 'utf8' }).stdout;
    return listing
      .split('\n')
      .filter((line) => line.split(/\s+/).includes(marker))
      .map((line) => Number.parseInt(line, 10));
  }
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker);
      } catch {
        return false; // gone, or not ours to read
      }
    })
    .map(Number);
}
