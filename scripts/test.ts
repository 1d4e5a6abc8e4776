// `npm test`: every check, in the order a reviewer would want them to fail.
// 1. lint + types, 2. heavy prerequisites (cached builds) in parallel with timings, 3. every *.test.ts.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

// Each entry builds or reuses a cache outside the repo and prints its own timing. Idempotent.
const prepareSteps: string[][] = [
  ['test/cluster/prepare.ts'], // Kubernetes control plane + etcd + kwok binaries for test/cluster
  ['infra/test/prepare.ts'], // hashicorp/google built from the Go proxy + offline CLI config for infra/test
  ['deploy/test/prepare.ts'], // helm built from the Go proxy + promtool for deploy/test
  ['test/delivery/prepare.ts'], // actionlint built from the Go proxy for the workflow checks
  ['test/containers/prepare.ts'], // local base images (debootstrap + Node 24) for test/containers
];

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { stdio: 'inherit' });
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

try {
  if (only.length === 0) {
    await run('npx', ['biome', 'check', '.']);
    await run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
    await Promise.all(prepareSteps.map(([script, ...args]) => run(node, [script as string, ...args])));
  }
  const patterns =
    only.length > 0 ? only.map((p) => `${p.replace(/\/$/, '')}/**/*.test.ts`) : ['**/*.test.ts'];
  await run(node, ['--test', '--test-concurrency=1', ...patterns]);
} catch (error) {
  console.error(`[test] ${(error as Error).message}`);
  process.exit(1);
}
