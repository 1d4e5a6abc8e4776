// Prepare step of `npm test`: builds the control-plane binaries once per version, then prints their versions.
import { performance } from 'node:perf_hooks';
import { binaries, ensureBinaries } from './buildBinaries.ts';
import { execFile } from './exec.ts';

const started = performance.now();
const bin = await ensureBinaries();
for (const name of binaries) {
  const args = name === 'kubectl' ? ['version', '--client'] : ['--version'];
  const printed = await execFile(`${bin}/${name}`, args);
  console.log(`[cluster] ${name}: ${printed.trim().split('\n')[0]}`);
}
console.log(`[cluster] prepare done in ${((performance.now() - started) / 1000).toFixed(1)}s`);
