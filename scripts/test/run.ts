// `npm test` (the fast tier) and `npm run test:heavy` (`--heavy`): the tiers of scripts/test/tiers.ts, each in
// the order a reviewer would want them to fail. fast: 1. lint + types, 2. its test files. heavy: 1. the cached
// builds it needs, in parallel with timings, 2. one control plane for the run, 3. its test files.
// `npm test -- <folder or file>…` runs only those (no lint, no prepare steps). Every run uses the testkit
// reporter: each skip is named with its reason, any skip fails under CI=true, a run of no test fails.
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { reporterArgs } from '@podmesh/testkit/reporter';
import { allTestFiles, normalisePath, ruleOf, selectFiles, type Tier } from './tiers.ts';

// Each entry builds or reuses a cache outside the repo and prints its own timing. Idempotent.
const prepareSteps: string[][] = [
  ['test/cluster/prepare.ts'], // Kubernetes control plane + etcd + kwok binaries for test/cluster
  ['infra/test/prepare.ts'], // hashicorp/google built from the Go proxy + offline CLI config for infra/test
  ['deploy/test/prepare.ts'], // helm built from the Go proxy + promtool for deploy/test
  ['test/delivery/prepare.ts'], // actionlint built from the Go proxy for the workflow checks
  ['test/containers/prepare.ts'], // local base images (debootstrap + Node 24) for test/containers
  ['test/clients/prepare.ts'], // grpcurl + grpc-health-probe built from the Go proxy for test/clients
];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    child.on('exit', (code, signal) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const shown = args.length > 6 ? [...args.slice(0, 4), `… ${args.length - 4} more`] : args;
      console.log(`[test] ${[cmd, ...shown].join(' ')} → ${code ?? signal} in ${seconds}s`);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${shown.join(' ')} failed (${code ?? signal})`));
    });
  });
}

const node = process.execPath;
const args = process.argv.slice(2);
const tier: Tier = args.includes('--heavy') ? 'heavy' : 'fast';
const only = args.filter((arg) => !arg.startsWith('--'));
const unknownFlags = args.filter((arg) => arg.startsWith('--') && arg !== '--heavy');
if (unknownFlags.length > 0) {
  console.error(
    `[test] unknown option ${unknownFlags.join(' ')}: the only one is --heavy; the rest are paths`,
  );
  process.exit(2);
}

// One control plane for the whole heavy run: suites that need one reuse it (test/cluster/controlPlane.ts)
// instead of each file starting and stopping its own (~12 s apiece).
const clusterEnv = {
  ...process.env,
  PODMESH_CLUSTER_DIR: join(tmpdir(), `podmesh-test-cluster-${process.pid}`),
};

let clusterStarted = false;
try {
  const all = allTestFiles();
  const files = selectFiles(tier, only, all);
  // `npm test -- services` leaves out services' heavy-tier files: say so rather than drop them unseen.
  const paths = only.map(normalisePath);
  for (const file of all.filter((f) => paths.some((p) => f.startsWith(`${p}/`)) && !files.includes(f)))
    console.log(
      `[test] not run here: ${file}, in the ${ruleOf(file)?.tier} tier (needs ${ruleOf(file)?.needs})`,
    );
  console.log(`[test] ${tier} tier: ${files.length} test files`);
  if (only.length === 0 && tier === 'fast') {
    await run('npx', ['biome', 'check', '.']);
    await run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  }
  if (only.length === 0 && tier === 'heavy') {
    await Promise.all(prepareSteps.map(([script, ...rest]) => run(node, [script as string, ...rest])));
    clusterStarted = true;
    await run(node, ['test/cluster/up.ts'], clusterEnv);
  }
  await run(
    node,
    ['--test', '--test-concurrency=1', ...reporterArgs, ...files],
    clusterStarted ? clusterEnv : process.env,
  );
} catch (error) {
  console.error(`[test] ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  if (clusterStarted) await run(node, ['test/cluster/down.ts'], clusterEnv).catch(() => undefined);
}
