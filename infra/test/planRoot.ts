// init + plan + show -json of one root in a workspace copy, against an empty local state.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanJson } from './planJson.ts';
import type { Cli } from './resolveCli.ts';
import { terraform } from './terraform.ts';
import { useLocalBackend } from './workspace.ts';

/**
 * The lock files name `registry.terraform.io/hashicorp/google`; OpenTofu reads `hashicorp/google` as
 * registry.opentofu.org. The package is the same file from the same mirror, so its h1: hash is the same:
 * only the address is translated, in the workspace copy.
 */
function lockForCli(cli: Cli, dir: string): void {
  const lockFile = join(dir, '.terraform.lock.hcl');
  if (cli.registryHost === 'registry.terraform.io' || !existsSync(lockFile)) return;
  const lock = readFileSync(lockFile, 'utf8');
  writeFileSync(
    lockFile,
    lock.replaceAll('"registry.terraform.io/hashicorp/', `"${cli.registryHost}/hashicorp/`),
  );
}

/**
 * Roots run with `-lockfile=readonly`: init fails unless the committed lock file already records this provider
 * version with a hash matching the package from the mirror, so checks run against exactly what is locked.
 * Modules have no lock file (the calling root locks), so theirs is created in the copy.
 */
export async function initDir(
  cli: Cli,
  dir: string,
  env: NodeJS.ProcessEnv,
  options: { backend: boolean; root: boolean },
): Promise<void> {
  lockForCli(cli, dir);
  if (options.backend) useLocalBackend(dir);
  const args = ['init', '-input=false', '-no-color', ...(options.backend ? [] : ['-backend=false'])];
  await terraform(cli, dir, [...args, ...(options.root ? ['-lockfile=readonly'] : [])], env);
}

export async function planRoot(cli: Cli, rootDir: string, env: NodeJS.ProcessEnv): Promise<PlanJson> {
  await initDir(cli, rootDir, env, { backend: true, root: true });
  const planFile = join(rootDir, 'check.tfplan');
  await terraform(
    cli,
    rootDir,
    ['plan', '-input=false', '-no-color', '-lock=false', `-out=${planFile}`],
    env,
  );
  return JSON.parse(await terraform(cli, rootDir, ['show', '-json', '-no-color', planFile], env)) as PlanJson;
}
