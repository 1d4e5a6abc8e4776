// Prepare step of `npm run test:heavy`: builds the control-plane binaries once per version, then prints their versions.
import { performance } from 'node:perf_hooks';
import { binaries, ensureBinaries } from './buildBinaries.ts';
import { execFile } from './exec.ts';

const started = performance.now();
const bin = await ensureBinaries();
const printed = await Promise.all(
  binaries.map((name) =>
    execFile(`${bin}/${name}`, name === 'kubectl' ? ['version', '--client'] : ['--version']),
  ),
);
binaries.forEach((name, i) => {
  console.log(`[cluster] ${name}: ${printed[i]?.trim().split('\n')[0]}`);
});
console.log(`[cluster] prepare done in ${((performance.now() - started) / 1000).toFixed(1)}s`);
