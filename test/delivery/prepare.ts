// Prepare step of `npm test` for the delivery checks: actionlint from the Go module proxy, once per version.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { actionlintDir, ensureActionlint } from './actionlint.ts';

const started = performance.now();
const { path, built } = await ensureActionlint();
const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).split('\n')[0];
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `[delivery] actionlint ${version} ${built ? 'built into' : 'reused from'} ${actionlintDir} in ${seconds}s`,
);
