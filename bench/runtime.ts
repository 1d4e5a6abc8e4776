// The runtime's cost on users (request line + metrics on against off) in instructions, not seconds: callgrind
// counts what the process executes, so the figure does not move with this machine's speed, which drifts by tens
// of percent between minutes and makes the throughput ratio of bench/transport.ts swing by ten points. Both
// users processes run under valgrind at once; each takes `warmUp` requests uninstrumented (until the JIT has
// settled), then `measured` requests counted, over 8 keep-alive connections. Reported per request: the main
// thread's instructions (the one that serves requests, so the one that bounds throughput) and all threads'
// (with the compiler's and the garbage collector's helpers).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'undici';
import { round } from './lib/measure.ts';
import { startScript, stopAllProcesses } from './lib/processes.ts';
import { writeResult } from './lib/results.ts';

const run = promisify(execFile);
const warmUp = Number(process.env.BENCH_WARM_UP ?? 15_000);
const measured = Number(process.env.BENCH_REQUESTS ?? 6_000);
const scratch = mkdtempSync(join(tmpdir(), 'bench-runtime-'));

/** Sends `count` GETs over 8 keep-alive connections; throws on any answer but 200. */
async function load(url: string, count: number): Promise<void> {
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections: 8 });
  let sent = 0;
  const worker = async () => {
    while (sent < count) {
      sent++;
      const response = await pool.request({
        path: pathname,
        method: 'GET',
        headers: { 'user-agent': 'bench' },
      });
      await response.body.text();
      if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await pool.close();
}

/** Instructions of each thread in a callgrind dump, main thread first. */
function threadInstructions(prefix: string): number[] {
  return readdirSync(scratch)
    .filter((file) => file.startsWith(`${prefix}.1-`)) // `.1`: the first dump, `-NN`: the thread
    .sort()
    .map((file) => Number(/^summary: (\d+)$/m.exec(readFileSync(join(scratch, file), 'utf8'))?.[1] ?? 0));
}

async function measure(name: string, env: Record<string, string>) {
  const launcher = ['valgrind', '-q', '--tool=callgrind', '--separate-threads=yes', '--instr-atstart=no'];
  const users = await startScript('services/users/src/main.ts', env, {
    launcher: [...launcher, `--callgrind-out-file=${join(scratch, name)}.%p`],
    readyWithinMs: 120_000,
  });
  const url = `${users.url}/users/1234`;
  await load(url, warmUp);
  await run('callgrind_control', ['--instr=on', String(users.pid)]);
  await load(url, measured);
  await run('callgrind_control', ['--dump', String(users.pid)]);
  const threads = threadInstructions(`${name}.${users.pid}`);
  if (threads.length === 0) throw new Error(`${name}: callgrind wrote no dump`);
  return {
    name,
    mainThreadPerRequest: round((threads[0] as number) / measured, 0),
    allThreadsPerRequest: round(threads.reduce((a, b) => a + b, 0) / measured, 0),
  };
}

try {
  await run('valgrind', ['--version']).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    throw new Error('valgrind is not installed: run .ci/install-bench-deps.sh (Debian package valgrind)');
  });
  const [off, on] = await Promise.all([
    measure('off', { LOG_REQUESTS: 'false', METRICS: 'false' }),
    measure('on', {}),
  ]);
  const summary = {
    mainThreadCost: round(1 - off.mainThreadPerRequest / on.mainThreadPerRequest, 3),
    allThreadsCost: round(1 - off.allThreadsPerRequest / on.allThreadsPerRequest, 3),
  };
  for (const figures of [off, on]) {
    console.log(
      `users, logging + metrics ${figures.name.padEnd(3)}  ${figures.mainThreadPerRequest} instructions a request ` +
        `on the main thread, ${figures.allThreadsPerRequest} in all threads`,
    );
  }
  console.log(summary);
  writeResult('runtime', { warmUp, measured, off, on, summary });
} finally {
  await stopAllProcesses();
  rmSync(scratch, { recursive: true, force: true });
}
