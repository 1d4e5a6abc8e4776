// `npm run e2e`: the end-to-end suite on a real single-node cluster (docs/testing.md, "End-to-end").
// 1. builds or reuses every binary and image (in parallel, cached by version), 2. starts the control plane
// and joins the real node, 3. installs the chart (dev values) and the operator as a user would, 4. runs
// test/e2e/*.test.ts against it, 5. tears everything down, whatever happened. Prints the timings.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { reporterArgs } from '@podmesh/testkit/reporter';
import { allTestFiles, selectFiles } from '../../scripts/test/tiers.ts';

// Its own state directory: `.cluster/` belongs to `npm run cluster:up` and to the control-plane tests.
process.env.PODMESH_CLUSTER_DIR ||= join(tmpdir(), 'podmesh-e2e');

const { ensureBinaries } = await import('../cluster/buildBinaries.ts');
const { startCluster, stopCluster } = await import('../cluster/cluster.ts');
const { kubeconfigPath, repoRoot, stateDir } = await import('../cluster/paths.ts');
const { ensureNodeBinaries } = await import('../cluster/node/nodeBinaries.ts');
const { startNode } = await import('../cluster/node/startNode.ts');
const { ensureHelm } = await import('../../deploy/tools/helm.ts');
const { installOperator, installRelease } = await import('./install.ts');
const { ensureProjectImages, importMonitoringImages } = await import('./images.ts');
const { provisionKvVolume } = await import('./storage.ts');

const timings: Record<string, number> = {};
async function timed<T>(name: string, step: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await step();
  timings[name] = Number(((performance.now() - started) / 1000).toFixed(1));
  console.log(`[e2e] ${name}: ${timings[name]}s`);
  return value;
}

function runTests(env: NodeJS.ProcessEnv, files: string[]): Promise<number> {
  return new Promise((resolve) => {
    // The testkit reporter: every skip named with its reason, none allowed under CI=true but those listed in
    // packages/testkit/src/allowedSkips.ts, and a run where no test ran fails.
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...reporterArgs, ...files], {
      stdio: 'inherit',
      env,
      cwd: repoRoot,
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

// `npm run e2e -- [--repeat=N] [test files…]`: N passes over the files on one cluster (to prove a case is
// not flaky: every pass must be green), the given files only.
const args = process.argv.slice(2);
const repeat = Number(args.find((arg) => arg.startsWith('--repeat='))?.slice('--repeat='.length) ?? 1);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat=N needs a whole number ≥ 1');
const only = args.filter((arg) => !arg.startsWith('--'));
// Before any cluster work: a path that selects no e2e file is an error (node would run its default globs).
const files = (() => {
  try {
    return selectFiles('e2e', only, allTestFiles());
  } catch (error) {
    console.error(`[e2e] ${(error as Error).message}`);
    process.exit(2);
  }
})();
const total = performance.now();
let exitCode = 1;
try {
  const [bin, nodeBin, helm] = await timed('binaries and images', () =>
    Promise.all([ensureBinaries(), ensureNodeBinaries(), ensureHelm(), ensureProjectImages()]),
  );
  const state = await timed('control plane start', () => startCluster(bin, process.pid));
  await timed('node join', () =>
    startNode({
      clusterDir: stateDir(),
      controlPlaneBin: bin,
      nodeBin,
      apiserverPort: state.ports.apiserver,
    }),
  );
  await timed('monitoring images import', () => importMonitoringImages(stateDir(), nodeBin));
  const tools = {
    kubeconfig: kubeconfigPath(),
    kubectl: join(bin, 'kubectl'),
    helm,
    set: [],
  };
  await provisionKvVolume(stateDir(), tools.kubectl, tools.kubeconfig);
  await timed('operator install', () => installOperator(tools));
  await timed('chart install (helm --wait)', () => installRelease(tools));
  const testEnv = {
    ...process.env,
    PODMESH_E2E_KUBECONFIG: tools.kubeconfig,
    PODMESH_E2E_KUBECTL: tools.kubectl,
    PODMESH_E2E_HELM: helm,
    PODMESH_E2E_NODE_BIN: nodeBin,
    PODMESH_E2E_CONTAINERD_SOCKET: join(stateDir(), 'node', 'containerd', 'containerd.sock'),
  };
  const failedPasses: number[] = [];
  for (let pass = 1; pass <= repeat; pass++) {
    const name = repeat > 1 ? `tests (pass ${pass} of ${repeat})` : 'tests';
    if ((await timed(name, () => runTests(testEnv, files))) !== 0) failedPasses.push(pass);
  }
  if (repeat > 1) console.log(`[e2e] ${repeat - failedPasses.length} of ${repeat} passes green`);
  exitCode = failedPasses.length === 0 ? 0 : 1;
} catch (error) {
  console.error(`[e2e] ${(error as Error).stack ?? error}`);
} finally {
  if (!process.env.PODMESH_E2E_KEEP) await timed('teardown', () => stopCluster());
  else console.log(`[e2e] PODMESH_E2E_KEEP set: cluster left running in ${stateDir()}`);
  timings.total = Number(((performance.now() - total) / 1000).toFixed(1));
  console.log(`[e2e] timings (s): ${JSON.stringify(timings)}`);
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(repoRoot, 'bench', 'results', 'e2e-timings.json'),
    `${JSON.stringify(timings, null, 2)}\n`,
  );
}
process.exit(exitCode);
