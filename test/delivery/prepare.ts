// Prepare step of `npm run test:heavy` for the delivery checks, each once per version: actionlint, the distribution
// registry, crane and cosign from the Go module proxy; zizmor from PyPI.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { actionlintDir, ensureActionlint } from './actionlint.ts';
import { ensureGoTool, goToolDir } from './goTool.ts';
import { registryTools } from './registryTools.ts';
import { ensureZizmor, zizmorDir, zizmorUnavailable } from './zizmor.ts';

const started = performance.now();
const { path, built } = await ensureActionlint();
const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).split('\n')[0];
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `[delivery] actionlint ${version} ${built ? 'built into' : 'reused from'} ${actionlintDir} in ${seconds}s`,
);

const zizmorStarted = performance.now();
const unavailable = zizmorUnavailable();
if (unavailable) console.log(`[delivery] ${unavailable}: zizmor.test.ts skips`);
else {
  const { installed } = await ensureZizmor();
  const zizmorSeconds = ((performance.now() - zizmorStarted) / 1000).toFixed(1);
  console.log(
    `[delivery] zizmor ${installed ? 'installed into' : 'reused from'} ${zizmorDir} in ${zizmorSeconds}s`,
  );
}

// One at a time: each is a large Go build on a shared machine (cosign is the largest).
for (const tool of registryTools) {
  const toolStarted = performance.now();
  const { built } = await ensureGoTool(tool);
  const toolSeconds = ((performance.now() - toolStarted) / 1000).toFixed(1);
  console.log(
    `[delivery] ${tool.name} ${tool.version} ${built ? 'built into' : 'reused from'} ${goToolDir(tool)} in ${toolSeconds}s`,
  );
}
