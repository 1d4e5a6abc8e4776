// Countries' tail latency through the cluster, beside the same load on the local run's processes in the same
// run, with each pod's CFS throttling over the window (docs/adr/0081, docs/performance/e2e.md). The load is
// open-loop at a fixed rate, so a throttled pod shows as latency, not as a lower rate. The figures go to
// bench/results/cluster-latency.json; the functional checks (no failed request, the latency path unthrottled
// under the chart's CPU policy) are asserted, the latency ratio is reported as a benchmark figure.
// It also measures the policy the chart replaced, in the same run (helm upgrade, then rollback). Each window
// follows a 3 s warm-up at the same rate that is not counted.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { repoRoot } from '../cluster/paths.ts';
import { type CpuThrottling, podCpuThrottling, throttlingBetween } from './support/cpuThrottling.ts';
import { helm, release, requireEnvironment } from './support/environment.ts';
import { formatRow, type LatencyRow, latencyRow, throttledShare } from './support/latencyTable.ts';
import { waitForReadyPods } from './support/pods.ts';
import { runAtRate } from './support/rateLoad.ts';
import { clusterUrl } from './support/services.ts';

const rate = Number(process.env.PODMESH_E2E_LATENCY_RATE ?? 100);
const seconds = Number(process.env.PODMESH_E2E_LATENCY_SECONDS ?? 20);
const latencyPath = ['countries', 'users'];
const chart = join(repoRoot, 'deploy', 'charts', 'podmesh');

/**
 * The chart's policy (a CPU request, no CPU limit: docs/adr/0081) beside the one it replaced, as `--set` values
 * over the installed release (then rolled back), so the ADR's table is measured again in every run.
 */
const otherPolicies: Record<string, string[]> = {
  'guaranteed 100m (requests = limits, the old dev values)': [
    'defaults.resources.requests.cpu=100m',
    'defaults.resources.limits.cpu=100m',
  ],
};
const warmUp = { rate, seconds: 3 };

const userPath = (i: number) => `/countries?user_id=${(i % 5000) + 1}`;

async function latencyPods(): Promise<V1Pod[]> {
  return (await Promise.all(latencyPath.map((app) => waitForReadyPods(app, app === 'users' ? 2 : 3)))).flat();
}

async function measureCluster(policy: string): Promise<LatencyRow> {
  const pods = await latencyPods();
  const url = await clusterUrl('countries');
  const uid = (pod: V1Pod) => pod.metadata?.uid as string;
  await runAtRate((i) => `${url}${userPath(i)}`, warmUp);
  const before = new Map(pods.map((pod) => [uid(pod), podCpuThrottling(uid(pod))]));
  const load = await runAtRate((i) => `${url}${userPath(i)}`, { rate, seconds });
  const throttling = pods.map((pod) => ({
    pod: pod.metadata?.name as string,
    qosClass: pod.status?.qosClass ?? '?',
    ...throttlingBetween(before.get(uid(pod)) as CpuThrottling, podCpuThrottling(uid(pod))),
  }));
  return latencyRow(policy, 'cluster', rate, load, throttling);
}

/** The same client, rate and request mix against the local run's processes on the host (the baseline). */
async function measureLocal(): Promise<LatencyRow> {
  const processes: ServiceProcess[] = [];
  try {
    // stdout not captured: in the cluster nobody parses the request lines on the path either.
    const start = (name: string, env: Record<string, string> = {}) =>
      startService(name, { env, captureLogs: false });
    const users = [await start('users'), await start('users')];
    processes.push(...users);
    const target = `ipv4:${users.map((u) => `127.0.0.1:${u.httpPort}`).join(',')}`;
    for (let i = 0; i < 3; i++)
      processes.push(await startService('countries', { env: { USERS_TARGET: target } }));
    const countries = processes.slice(2);
    const load = await runAtRate((i) => `${countries[i % 3]?.url}${userPath(i)}`, { rate, seconds });
    return latencyRow('local run', 'local', rate, load);
  } finally {
    await stopAll(processes);
  }
}

requireEnvironment();

describe('countries tail latency and CPU throttling', () => {
  const rows: LatencyRow[] = [];
  after(() => {
    if (rows.length === 0) return;
    mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(repoRoot, 'bench', 'results', 'cluster-latency.json'),
      `${JSON.stringify({ at: new Date().toISOString(), rate, seconds, rows }, null, 2)}\n`,
    );
  });

  it(`at ${rate} req/s for ${seconds} s: no failed request, the latency path unthrottled, p99 beside the local run`, async () => {
    const cluster = await measureCluster('chart values');
    console.log(formatRow(cluster));
    const local = await measureLocal();
    console.log(formatRow(local));
    rows.push(cluster, local);
    console.log(
      `[e2e] latency: countries p99 through the cluster ÷ local run = ${(cluster.p99Ms / local.p99Ms).toFixed(2)} (target ≤ 3)`,
    );
    const history = JSON.parse(await helm(['history', release, '-o', 'json'])) as Array<{ revision: number }>;
    const installed = history.at(-1)?.revision as number;
    // The release's own values, as installed, with each policy on top; rolled back to them afterwards.
    const scratch = mkdtempSync(join(tmpdir(), 'podmesh-latency-'));
    const values = join(scratch, 'values.yaml');
    writeFileSync(values, await helm(['get', 'values', release, '-o', 'yaml']));
    try {
      for (const [policy, sets] of Object.entries(otherPolicies)) {
        await helm(['upgrade', release, chart, '-f', values, ...sets.flatMap((s) => ['--set', s]), '--wait']);
        const row = await measureCluster(policy);
        console.log(formatRow(row));
        rows.push(row);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      await helm(['rollback', release, String(installed), '--wait']);
    }
    for (const row of rows) assert.equal(row.failed, 0, `no failed request: ${row.policy} ${row.target}`);
    for (const pod of cluster.pods)
      assert.ok(
        throttledShare(pod) <= 0.01,
        `${pod.pod} throttled in ${pod.throttledPeriods}/${pod.periods} periods`,
      );
  });
});
