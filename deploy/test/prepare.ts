// Prepare step of `npm test` (scripts/test.ts): the tools the deploy tests run, built or found once.
import { performance } from 'node:perf_hooks';
import { ensureHelm, helmVersion } from '../tools/helm.ts';
import { findPromtool } from '../tools/promtool.ts';

const started = performance.now();
const helm = await ensureHelm((line) => console.log(`[deploy] ${line}`));
console.log(
  `[deploy] helm ${helmVersion} at ${helm} (${((performance.now() - started) / 1000).toFixed(1)}s)`,
);

const promtool = findPromtool();
if (promtool === undefined) {
  console.error('[deploy] promtool not found: run .ci/install-deploy-deps.sh (Debian package prometheus)');
  process.exit(1);
}
console.log(`[deploy] promtool at ${promtool}`);
