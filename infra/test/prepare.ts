// Prepare step of `npm run test:heavy`: builds or reuses the Google provider and the CLI, writes the offline CLI config.
// Idempotent; prints what it used and how long each part took.
import { performance } from 'node:perf_hooks';
import { ensureProvider } from './buildProvider.ts';
import { writeCliConfig } from './cliConfig.ts';
import { providerBinary } from './paths.ts';
import { resolveCli } from './resolveCli.ts';
import { googleProvider } from './versions.ts';

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)}s`;
}

const started = performance.now();
const built = await ensureProvider();
console.log(
  `[infra] hashicorp/google ${googleProvider.version} (${googleProvider.goModuleVersion}) ${built ? 'built' : 'reused'}: ${providerBinary()} in ${seconds(started)}`,
);

const cliStarted = performance.now();
const cli = await resolveCli({ build: true });
console.log(`[infra] CLI ${cli.kind} ${cli.version} at ${cli.path} in ${seconds(cliStarted)}`);
console.log(`[infra] CLI config ${writeCliConfig()}; prepare done in ${seconds(started)}`);
