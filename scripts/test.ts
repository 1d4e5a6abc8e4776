// `npm test`: every check, in the order a reviewer would want them to fail.
// 1. lint + types, 2. heavy prerequisites (cached builds) in parallel with timings, 3. every *.test.ts.
import { spawn } from 'node:child_process';
import { globSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

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
      console.log(`[test] ${[cmd, ...args].join(' ')} → ${code ?? signal} in ${seconds}s`);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${code ?? signal})`));
    });
  });
}

const node = process.execPath;
const only = process.argv.slice(2); // e.g. `npm test -- services/users` runs only matching test files

/** Every test file; the real-node end-to-end suite has its own runner (`npm run e2e`, run by .ci/run). */
function testFiles(): string[] {
  const patterns =
    only.length > 0 ? only.map((p) => `${p.replace(/\/$/, '')}/**/*.test.ts`) : ['**/*.test.ts'];
  const skip = (path: string) =>
    path.split('/').includes('node_modules') || (only.length === 0 && path.startsWith('test/e2e/'));
  return patterns.flatMap((pattern) => globSync(pattern).filter((path) => !skip(path))).sort();
}

// One control plane for the whole run: suites that need one reuse it (test/cluster/controlPlane.ts) instead of
// each file starting and stopping its own (~12 s apiece).
const clusterEnv = {
  ...process.env,
  PODMESH_CLUSTER_DIR: join(tmpdir(), `podmesh-test-cluster-${process.pid}`),
};

let clusterStarted = false;
try {
  if (only.length === 0) {
    await run('npx', ['biome', 'check', '.']);
    await run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
    await Promise.all(prepareSteps.map(([script, ...args]) => run(node, [script as string, ...args])));
    clusterStarted = true;
    await run(node, ['test/cluster/up.ts'], clusterEnv);
  }
  await run(
    node,
    ['--test', '--test-concurrency=1', ...testFiles()],
    clusterStarted ? clusterEnv : process.env,
  );
} catch (error) {
  console.error(`[test] ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  if (clusterStarted) await run(node, ['test/cluster/down.ts'], clusterEnv).catch(() => undefined);
}
