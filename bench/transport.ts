// countries → users: the podmesh transports against the usual Express + keep-alive HTTP implementation,
// and the cost of the runtime's logging + metrics on users. One run, one machine, ratios against a baseline.
import { measure } from './lib/measure.ts';
import { type BenchProcess, startScript, stopAllProcesses } from './lib/processes.ts';
import { writeResult } from './lib/results.ts';

const load = { connections: 50, seconds: Number(process.env.BENCH_SECONDS ?? 8) };
const path = '/countries?user_id=1234';

async function scenario(name: string, start: () => Promise<Record<string, BenchProcess>>) {
  const processes = await start();
  try {
    const countries = processes.countries!;
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

const twoUsers = async (script: string, env: Record<string, string> = {}) => [
  await startScript(script, env),
  await startScript(script, env),
];

const scenarios = {
  baseline: [
    'express + keep-alive http (baseline)',
    async () => {
      const [users0, users1] = await twoUsers('bench/fixtures/express-users.ts');
      const countries = await startScript('bench/fixtures/express-countries.ts', {
        USERS_ADDRESS: `127.0.0.1:${users0!.port}`,
      });
      return { countries, users0: users0!, users1: users1! };
    },
  ],
  http: [
    'podmesh http/1.1 (undici, balanced)',
    async () => {
      const [users0, users1] = await twoUsers('services/users/src/main.ts');
      const countries = await startScript('services/countries/src/main.ts', {
        USERS_TARGET: `ipv4:127.0.0.1:${users0!.port},127.0.0.1:${users1!.port}`,
      });
      return { countries, users0: users0!, users1: users1! };
    },
  ],
  grpc: [
    'podmesh gRPC (grpc-js round_robin)',
    async () => {
      const [users0, users1] = await twoUsers('services/users/src/main.ts');
      const countries = await startScript('bench/fixtures/grpc-countries.ts', {
        USERS_GRPC_TARGET: `ipv4:127.0.0.1:${users0!.grpcPort},127.0.0.1:${users1!.grpcPort}`,
      });
      return { countries, users0: users0!, users1: users1! };
    },
  ],
} as const;

// Rounds interleave the scenarios so a noisy neighbour hurts them all alike; the median round is reported.
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
type Figures = Awaited<ReturnType<typeof scenario>>;
const runs: Record<keyof typeof scenarios, Figures[]> = { baseline: [], http: [], grpc: [] };
for (let round = 0; round < rounds; round++) {
  for (const [key, [name, start]] of Object.entries(scenarios) as Array<
    [keyof typeof scenarios, (typeof scenarios)[keyof typeof scenarios]]
  >) {
    runs[key].push(await scenario(name, start));
  }
}
const median = (figures: Figures[]) =>
  [...figures].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[
    Math.floor(figures.length / 2)
  ] as Figures;
const baseline = median(runs.baseline);
const http = median(runs.http);
const grpc = median(runs.grpc);

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
const offRuns = [];
const onRuns = [];
for (let round = 0; round < rounds; round++) {
  offRuns.push(await usersAlone('users, logging + metrics off', { LOG_REQUESTS: 'false', METRICS: 'false' }));
  onRuns.push(await usersAlone('users, logging + metrics on', {}));
}
const runtimeOff = median(offRuns);
const runtimeOn = median(onRuns);

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const summary = {
  httpVsBaselineThroughput: ratio(http.requestsPerSecond, baseline.requestsPerSecond),
  grpcVsBaselineThroughput: ratio(grpc.requestsPerSecond, baseline.requestsPerSecond),
  httpP99VsBaseline: ratio(http.p99Ms, baseline.p99Ms),
  grpcP99VsBaseline: ratio(grpc.p99Ms, baseline.p99Ms),
  runtimeThroughputLoss:
    Math.round((1 - runtimeOn.requestsPerSecond / runtimeOff.requestsPerSecond) * 1000) / 1000,
};
console.log(summary);
writeResult('transport', {
  load,
  scenarios: [baseline, http, grpc],
  runtime: [runtimeOff, runtimeOn],
  summary,
});
