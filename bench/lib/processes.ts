// Benchmark processes: services and fixtures started with logs sent to /dev/null, stopped at the end.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { openSync } from 'node:fs';
import { freePort, repoRoot } from '@podmesh/testkit/processes';

export { freePort, repoRoot };

export interface BenchProcess {
  pid: number;
  port: number;
  grpcPort: number;
  url: string;
  child: ChildProcess;
}

const running: ChildProcess[] = [];

export interface StartOptions {
  /** A program that runs Node, and its arguments before Node's (e.g. valgrind and its tool). */
  launcher?: string[];
  readyWithinMs?: number;
}

export async function startScript(
  script: string,
  env: Record<string, string> = {},
  { launcher = [], readyWithinMs = 10_000 }: StartOptions = {},
): Promise<BenchProcess> {
  const port = await freePort();
  const grpcPort = await freePort();
  const devNull = openSync('/dev/null', 'w');
  const command = [...launcher, process.execPath, `${repoRoot}${script}`];
  const child = spawn(command[0] as string, command.slice(1), {
    stdio: ['ignore', devNull, 'inherit'],
    env: { ...process.env, PORT: String(port), GRPC_PORT: String(grpcPort), LOG_LEVEL: 'info', ...env },
  });
  running.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + readyWithinMs; Date.now() < deadline; ) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { pid: child.pid as number, port, grpcPort, url, child };
    } catch {
      // starting
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${script} did not become ready`);
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all(
    running.splice(0).map(async (child) => {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    }),
  );
}
