// countries → users: the podmesh transports against the usual Express + keep-alive HTTP implementation,
// and the cost of the runtime's logging + metrics on users. One run, one machine, ratios against a baseline.
// Every stack is up at once and they take turns in 5 s slices (lib/slices.ts): each ratio is the median over
// slices of a stack's throughput ÷ the baseline's slice seconds before it.
import { round } from './lib/measure.ts';
import { type BenchProcess, startScript, stopAllProcesses } from './lib/processes.ts';
import { writeResult } from './lib/results.ts';
import {
  cpuMsPerRequest,
  interleave,
  median,
  medianRatio,
  msPerRequest,
  requestsPerSecond,
  type Tally,
} from './lib/slices.ts';

const connections = 50;
const slices = Number(process.env.BENCH_SLICES ?? 7);
const sliceMs = 1000 * Number(process.env.BENCH_SLICE_SECONDS ?? 5);
const path = '/countries?user_id=1234';
/** The control's plain work per request: about what the runtime's line + metrics take in a tight loop. */
const controlNs = 1000;

interface Stack {
  name: string;
  users: string;
  countries: string;
  /** The countries process's environment, given both users replicas' processes. */
  countriesEnv: (users: [BenchProcess, BenchProcess]) => Record<string, string>;
}

/** One countries and two users processes, as in the local system; returns them by role. */
async function startStack({ users, countries, countriesEnv }: Stack) {
  const pair: [BenchProcess, BenchProcess] = [await startScript(users), await startScript(users)];
  return { countries: await startScript(countries, countriesEnv(pair)), users0: pair[0], users1: pair[1] };
}

const both = ([a, b]: [BenchProcess, BenchProcess], port: 'port' | 'grpcPort' = 'port') =>
  `127.0.0.1:${a[port]},127.0.0.1:${b[port]}`;

const stacks = {
  // The usual implementation: Express calling one users address over a keep-alive agent.
  baseline: {
    name: 'express + keep-alive http (baseline)',
    users: 'bench/fixtures/express-users.ts',
    countries: 'bench/fixtures/express-countries.ts',
    countriesEnv: ([a]) => ({ USERS_ADDRESS: `127.0.0.1:${a.port}` }),
  },
  baselineBoth: {
    name: 'express, alternating both users',
    users: 'bench/fixtures/express-users.ts',
    countries: 'bench/fixtures/express-countries.ts',
    countriesEnv: (pair) => ({ USERS_ADDRESS: both(pair) }),
  },
  http: {
    name: 'podmesh http/1.1 (undici, balanced)',
    users: 'services/users/src/main.ts',
    countries: 'services/countries/src/main.ts',
    countriesEnv: (pair) => ({ USERS_TARGET: `ipv4:${both(pair)}` }),
  },
  // The framework's floor: the same stack without the runtime (no logs, metrics, deadline, retry).
  bareFastify: {
    name: 'bare fastify + undici (reference)',
    users: 'bench/fixtures/fastify-users.ts',
    countries: 'bench/fixtures/fastify-countries.ts',
    countriesEnv: (pair) => ({ USERS_ADDRESSES: both(pair) }),
  },
  grpc: {
    name: 'podmesh gRPC (grpc-js round_robin)',
    users: 'services/users/src/main.ts',
    countries: 'bench/fixtures/grpc-countries.ts',
    countriesEnv: (pair) => ({ USERS_GRPC_TARGET: `ipv4:${both(pair, 'grpcPort')}` }),
  },
} satisfies Record<string, Stack>;
type StackKey = keyof typeof stacks;

/** Figures of one target from its tally: throughput, latency and CPU per request of each of its processes. */
function figures(name: string, tally: Tally) {
  return {
    name,
    requestsPerSecond: requestsPerSecond(tally),
    medianSliceP50Ms: median(tally.p50s),
    medianSliceP99Ms: median(tally.p99s),
    failures: tally.failures,
    cpuMsPerRequest: cpuMsPerRequest(tally),
    clientCpuMsPerRequest: msPerRequest(tally, tally.clientCpu),
    perSlice: tally.perSecond.map((value) => round(value, 0)),
  };
}

try {
  const keys = Object.keys(stacks) as StackKey[];
  const targets = [];
  for (const key of keys) {
    const processes = await startStack(stacks[key]);
    const pids = Object.fromEntries(Object.entries(processes).map(([role, p]) => [role, p.pid]));
    targets.push({ url: `${processes.countries.url}${path}`, pids });
  }
  const tallies = await interleave(targets, { connections, slices, sliceMs });
  const byKey = Object.fromEntries(keys.map((key, i) => [key, tallies[i] as Tally])) as Record<
    StackKey,
    Tally
  >;
  const scenarios = keys.map((key) => figures(stacks[key].name, byKey[key]));
  for (const scenario of scenarios) {
    console.log(
      `${scenario.name.padEnd(36)} ${scenario.requestsPerSecond} req/s  median p50 ${scenario.medianSliceP50Ms} ms  ` +
        `p99 ${scenario.medianSliceP99Ms} ms  failed ${scenario.failures}`,
    );
  }
  await stopAllProcesses();

  // The runtime's cost: users alone with request logs + metrics off and on, both up at once, taking turns. A
  // third process is the control: logs + metrics off and a fixed microsecond of plain work per request instead.
  const quiet = { LOG_REQUESTS: 'false', METRICS: 'false' };
  const off = await startScript('services/users/src/main.ts', quiet);
  const on = await startScript('services/users/src/main.ts');
  const control = await startScript('bench/fixtures/users-busy.ts', { ...quiet, BUSY_NS: String(controlNs) });
  const [offTally, onTally, controlTally] = (await interleave(
    [off, on, control].map((users) => ({ url: `${users.url}/users/1234`, pids: { users: users.pid } })),
    { connections, slices, sliceMs },
  )) as [Tally, Tally, Tally];
  const runtime = [
    figures('users, logging + metrics off', offTally),
    figures('users, logging + metrics on', onTally),
    figures(`users, off + ${controlNs / 1000} µs of work (control)`, controlTally),
  ];
  for (const scenario of runtime)
    console.log(`${scenario.name.padEnd(36)} ${scenario.requestsPerSecond} req/s`);

  const throughputVsBaseline = (key: StackKey) =>
    round(medianRatio(byKey[key].perSecond, byKey.baseline.perSecond), 2);
  const p99VsBaseline = (key: StackKey) => round(median(byKey[key].p99s) / median(byKey.baseline.p99s), 2);
  /** CPU seconds per request of every process charged to the tally (countries + users, or users alone). */
  const cpuPerRequest = (tally: Tally) =>
    Object.values(tally.cpu).reduce((a, b) => a + b, 0) / Math.max(tally.requests, 1);
  const serverCpu = (key: StackKey) => cpuPerRequest(byKey[key]);
  const summary = {
    httpVsBaselineThroughput: throughputVsBaseline('http'),
    grpcVsBaselineThroughput: throughputVsBaseline('grpc'),
    bareFastifyVsBaselineThroughput: throughputVsBaseline('bareFastify'),
    httpP99VsBaseline: p99VsBaseline('http'),
    grpcP99VsBaseline: p99VsBaseline('grpc'),
    /** Server CPU per request (countries + users), as a share of the baseline's. */
    httpServerCpuVsBaseline: round(serverCpu('http') / serverCpu('baseline'), 2),
    bareFastifyServerCpuVsBaseline: round(serverCpu('bareFastify') / serverCpu('baseline'), 2),
    runtimeThroughputLoss: round(1 - medianRatio(onTally.perSecond, offTally.perSecond), 2),
    /** The same cost from users' CPU per request, steadier than throughput on a drifting machine. */
    runtimeCpuLoss: round(1 - cpuPerRequest(offTally) / cpuPerRequest(onTally), 2),
    /** What the control's known work per request costs in the same run: how much this machine magnifies work. */
    controlThroughputLoss: round(1 - medianRatio(controlTally.perSecond, offTally.perSecond), 2),
  };
  console.log(summary);
  writeResult('transport', { connections, sliceMs, slices, scenarios, runtime, summary });
} finally {
  await stopAllProcesses();
}
