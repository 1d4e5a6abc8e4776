// Real service processes for tests: started on free loopback ports, logs captured as parsed JSON lines,
// stopped (or killed) by the test. No mocks of our own services.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { ownsListener } from './listener.ts';

export const repoRoot = new URL('../../../', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  httpPort: number;
  grpcPort: number;
  url: string;
  /** Every stdout line, parsed when it is JSON. */
  logs: Array<Record<string, unknown>>;
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
  env?: Record<string, string>;
  httpPort?: number;
  grpcPort?: number;
  /** Wait for /readyz (default) or only spawn. */
  waitReady?: boolean;
  /** How long to wait for /readyz (default 20 s). */
  readyTimeoutMs?: number;
  /** Parse stdout into `logs` (default). Off, stdout goes nowhere: a load test's client then does not also
   * parse every request line of the processes it measures. */
  captureLogs?: boolean;
  /** Entry point relative to the repo, for programs that are not services (default services/<name>/src/main.ts). */
  entry?: string;
}

export async function startService(name: string, options: StartOptions = {}): Promise<ServiceProcess> {
  const httpPort = options.httpPort ?? (await freePort());
  const grpcPort = options.grpcPort ?? (await freePort());
  const entry = options.entry ?? `services/${name}/src/main.ts`;
  const child = spawn(process.execPath, [`${repoRoot}${entry}`], {
    cwd: repoRoot,
    stdio: ['ignore', options.captureLogs === false ? 'ignore' : 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(httpPort),
      GRPC_PORT: String(grpcPort),
      ...options.env,
    },
  });
  const logs: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  if (child.stdout)
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ unparsed: line });
      }
    });
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  const service: ServiceProcess = {
    name,
    child,
    pid: child.pid as number,
    httpPort,
    grpcPort,
    url: `http://127.0.0.1:${httpPort}`,
    logs,
    stderr,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  if (options.waitReady !== false) {
    try {
      await waitReady(service, options.readyTimeoutMs);
    } catch (error) {
      // The caller never gets the handle, so nothing else could stop it: a live child keeps the test file's
      // event loop (and its pipes) open, and the run would hang instead of failing.
      await service.stop('SIGKILL');
      throw error;
    }
  }
  return service;
}

export async function waitReady(service: ServiceProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedEarly = false;
  void service.exited.then(() => {
    exitedEarly = true;
  });
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`${service.name} exited before ready:\n${lastOutput(service)}`);
    let answered = false;
    try {
      answered = (await fetch(`${service.url}/readyz`)).ok;
    } catch {
      // not listening yet
    }
    if (answered && ownsListener(service.pid, service.httpPort)) return;
    if (answered)
      throw new Error(`port ${service.httpPort} answers /readyz, but not from ${service.name}'s process`);
    await sleep(50);
  }
  throw new Error(
    `${service.name} (pid ${service.pid}) not ready after ${timeoutMs} ms:\n${lastOutput(service)}`,
  );
}

function lastOutput(service: ServiceProcess): string {
  const logs = service.logs.slice(-5).map((line) => JSON.stringify(line));
  return [...logs, ...service.stderr.slice(-10)].join('\n');
}

/** Stops every process a test started, even when the test failed half-way. */
export async function stopAll(services: Array<ServiceProcess | undefined>): Promise<void> {
  await Promise.all(services.filter((s) => s !== undefined).map((s) => s.stop('SIGKILL')));
}
