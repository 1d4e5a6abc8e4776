// init + plan + show -json of one root in a workspace copy, against an empty local state.
import { join } from 'node:path';
import type { PlanJson } from './planJson.ts';
import type { Cli } from './resolveCli.ts';
import { terraform } from './terraform.ts';
import { useLocalBackend } from './workspace.ts';

/**
 * `-lockfile=readonly`: init fails unless the committed lock file already records this provider version with a
 * hash that matches the package installed from the mirror, so the plan runs against exactly what is locked.
 */
export async function initRoot(cli: Cli, rootDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  useLocalBackend(rootDir);
  await terraform(cli, rootDir, ['init', '-input=false', '-no-color', '-lockfile=readonly'], env);
}

export async function planRoot(cli: Cli, rootDir: string, env: NodeJS.ProcessEnv): Promise<PlanJson> {
  await initRoot(cli, rootDir, env);
  const planFile = join(rootDir, 'check.tfplan');
  await terraform(
    cli,
    rootDir,
    ['plan', '-input=false', '-no-color', '-lock=false', `-out=${planFile}`],
    env,
  );
  return JSON.parse(await terraform(cli, rootDir, ['show', '-json', '-no-color', planFile], env)) as PlanJson;
}
