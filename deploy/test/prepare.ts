// Prepare step of `npm run test:heavy` (scripts/test/run.ts): the tools the deploy tests run, built or found once.
import { performance } from 'node:perf_hooks';
import { ensurePrometheus } from '../../test/e2e/monitoring/binaries.ts';
import { alertmanagerVersion, ensureAlertmanager } from '../tools/alertmanager.ts';
import { gatewayApiDocument, gatewayApiVersion } from '../tools/gatewayApiSchemas.ts';
import { ensureHelm, helmVersion } from '../tools/helm.ts';
import { kubernetesModuleVersion, openApiDir } from '../tools/kubernetesSchemas.ts';
import { findPromtool } from '../tools/promtool.ts';

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)}s`;
}

let started = performance.now();
const helm = await ensureHelm((line) => console.log(`[deploy] ${line}`));
console.log(`[deploy] helm ${helmVersion} at ${helm} (${seconds(started)})`);

started = performance.now();
const { amtool } = await ensureAlertmanager((line) => console.log(`[deploy] ${line}`));
console.log(`[deploy] alertmanager + amtool ${alertmanagerVersion} at ${amtool} (${seconds(started)})`);

// The Prometheus server itself (deploy/test/alerting fires the chart's alerts with it), as the e2e run builds it.
started = performance.now();
const prometheus = await ensurePrometheus();
console.log(`[deploy] prometheus at ${prometheus} (${seconds(started)})`);

started = performance.now();
const schemas = await openApiDir();
console.log(
  `[deploy] Kubernetes ${kubernetesModuleVersion} OpenAPI schemas at ${schemas} (${seconds(started)})`,
);
started = performance.now();
await gatewayApiDocument();
console.log(`[deploy] Gateway API ${gatewayApiVersion} CRD schemas (${seconds(started)})`);

const promtool = findPromtool();
if (promtool === undefined) {
  console.error('[deploy] promtool not found: run .ci/install-deploy-deps.sh (Debian package prometheus)');
  process.exit(1);
}
console.log(`[deploy] promtool at ${promtool}`);
