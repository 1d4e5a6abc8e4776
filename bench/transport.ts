// countries → users: the podmesh transports against the usual Express + keep-alive HTTP implementation,
// and the cost of the runtime's logging + metrics on users. One run, one machine, ratios against a baseline.
import { measure } from './lib/measure.ts';
import { type BenchProcess, startScript, stopAllProcesses } from './lib/processes.ts';
import { writeResult } from './lib/results.ts';

const load = { connections: 50, seconds: Number(process.env.BENCH_SECONDS ?? 8) };
const path = '/countries?user_id=1234';

async function scenario(stack: Stack) {
  const { name } = stack;
  const processes = await startStack(stack);
  try {
    const countries = processes.countries;
    const pids = Object.fromEntries(Object.entries(processes).map(([key, p]) => [key, p.pid]));
    const figures = await measure(`${countries.url}${path}`, pids, load);
    console.log(
      `${name.padEnd(34)} ${figures.requestsPerSecond} req/s  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms`,
    );
    return { name, ...figures };
  } finally {
    await stopAllProcesses();
  }
}

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

// Rounds interleave the scenarios so a noisy neighbour hurts them all alike; the median round is reported.
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
type Figures = Awaited<ReturnType<typeof scenario>>;
const keys = Object.keys(stacks) as StackKey[];
const runs = Object.fromEntries(keys.map((key) => [key, [] as Figures[]])) as Record<StackKey, Figures[]>;
for (let round = 0; round < rounds; round++) {
  for (const key of keys) runs[key].push(await scenario(stacks[key]));
}
const median = (figures: Figures[]) =>
  [...figures].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[
    Math.floor(figures.length / 2)
  ] as Figures;
const middle = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const round2 = (value: number) => Math.round(value * 100) / 100;
/**
 * The median over rounds of `of(stack) ÷ of(baseline)` within each round: this machine's speed drifts by tens of
 * percent from one minute to the next, and a ratio of neighbours in time cancels most of that drift.
 */
const perRound = (key: StackKey, of: (figures: Figures) => number) =>
  round2(middle(runs[key].map((figures, i) => of(figures) / of(runs.baseline[i] as Figures))));
const serverCpu = (figures: Figures) => Object.values(figures.cpuMsPerRequest).reduce((a, b) => a + b, 0);

async function usersAlone(name: string, env: Record<string, string>) {
  const users = await startScript('services/users/src/main.ts', env);
  try {
    const figures = await measure(`${users.url}/users/1234`, { users: users.pid }, load);
    console.log(`${name.padEnd(34)} ${figures.requestsPerSecond} req/s  p99 ${figures.p99Ms} ms`);
    return { name, ...figures };
  } finally {
    await stopAllProcesses();
  }
}
const offRuns: Figures[] = [];
const onRuns: Figures[] = [];
for (let round = 0; round < rounds; round++) {
  offRuns.push(await usersAlone('users, logging + metrics off', { LOG_REQUESTS: 'false', METRICS: 'false' }));
  onRuns.push(await usersAlone('users, logging + metrics on', {}));
}
const runtimeOff = median(offRuns);
const runtimeOn = median(onRuns);

const summary = {
  httpVsBaselineThroughput: perRound('http', (figures) => figures.requestsPerSecond),
  grpcVsBaselineThroughput: perRound('grpc', (figures) => figures.requestsPerSecond),
  bareFastifyVsBaselineThroughput: perRound('bareFastify', (figures) => figures.requestsPerSecond),
  httpP99VsBaseline: perRound('http', (figures) => figures.p99Ms),
  grpcP99VsBaseline: perRound('grpc', (figures) => figures.p99Ms),
  /** Server CPU per request (countries + users), as a share of the baseline's. */
  httpServerCpuVsBaseline: perRound('http', serverCpu),
  bareFastifyServerCpuVsBaseline: perRound('bareFastify', serverCpu),
  runtimeThroughputLoss: round2(
    1 - middle(onRuns.map((on, i) => on.requestsPerSecond / (offRuns[i] as Figures).requestsPerSecond)),
  ),
};
console.log(summary);
writeResult('transport', {
  load,
  scenarios: Object.values(runs).map(median),
  rounds: runs,
  runtime: [runtimeOff, runtimeOn],
  summary,
});
