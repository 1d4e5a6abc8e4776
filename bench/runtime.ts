// The runtime's cost on users (request line + metrics on against off) in instructions, not seconds: callgrind
// counts what the process executes, so the figure does not move with this machine's speed, which drifts by tens
// of percent between minutes and makes the throughput ratio of bench/transport.ts swing by ten points. Both
// users processes run under valgrind at once; each takes `warmUp` requests uninstrumented (until the JIT has
// settled), then `measured` requests counted, over 8 keep-alive connections. Reported per request: the main
// thread's instructions (the one that serves requests, so the one that bounds throughput) and all threads'
// (with the compiler's and the garbage collector's helpers). The same route on the stock stack a Fastify user would
// install (Fastify's pino logger + prom-client, off and on) runs alongside: the ratio of what each adds.
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

async function measure(name: string, env: Record<string, string>, script = 'services/users/src/main.ts') {
  const launcher = ['valgrind', '-q', '--tool=callgrind', '--separate-threads=yes', '--instr-atstart=no'];
  const users = await startScript(script, env, {
    launcher: [...launcher, `--callgrind-out-file=${join(scratch, name)}.%p`],
    readyWithinMs: 300_000,
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
  // The stock stack (bench/fixtures/fastify-users-stock.ts) is measured in the same run: what podmesh's request line
  // + request metrics add to users, against what Fastify's pino logging + prom-client add to the same route.
  const stock = 'bench/fixtures/fastify-users-stock.ts';
  // Two processes under valgrind at a time: four at once did not start within the timeout on a busy 2-core machine.
  const [off, on] = await Promise.all([
    measure('off', { LOG_REQUESTS: 'false', METRICS: 'false' }),
    measure('on', {}),
  ]);
  const [stockOff, stockOn] = await Promise.all([
    measure('stock-off', { STOCK_OBSERVE: 'off' }, stock),
    measure('stock-on', { STOCK_OBSERVE: 'on' }, stock),
  ]);
  const podmeshAdds = on.mainThreadPerRequest - off.mainThreadPerRequest;
  const stockAdds = stockOn.mainThreadPerRequest - stockOff.mainThreadPerRequest;
  const summary = {
    mainThreadCost: round(1 - off.mainThreadPerRequest / on.mainThreadPerRequest, 3),
    allThreadsCost: round(1 - off.allThreadsPerRequest / on.allThreadsPerRequest, 3),
    podmeshAddsPerRequest: podmeshAdds,
    stockAddsPerRequest: stockAdds,
    // Target: ≤ 0.5 (docs/performance.md).
    addedVsStock: round(podmeshAdds / stockAdds, 3),
    allThreadsAddedVsStock: round(
      (on.allThreadsPerRequest - off.allThreadsPerRequest) /
        (stockOn.allThreadsPerRequest - stockOff.allThreadsPerRequest),
      3,
    ),
  };
  for (const figures of [off, on, stockOff, stockOn]) {
    console.log(
      `users, logging + metrics ${figures.name.padEnd(9)}  ${figures.mainThreadPerRequest} instructions a request ` +
        `on the main thread, ${figures.allThreadsPerRequest} in all threads`,
    );
  }
  console.log(
    `request line + metrics add ${podmeshAdds} instructions a request (main thread) with podmesh, ${stockAdds} ` +
      `with Fastify's pino logging + prom-client: ${summary.addedVsStock}× the stock stack (target ≤ 0.5×)`,
  );
  console.log(summary);
  writeResult('runtime', { warmUp, measured, off, on, stockOff, stockOn, summary });
} finally {
  await stopAllProcesses();
  rmSync(scratch, { recursive: true, force: true });
}
