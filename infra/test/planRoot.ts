// init + plan + show -json of one root in a workspace copy, against an empty local state.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanJson } from './planJson.ts';
import type { Cli } from './resolveCli.ts';
import { terraform } from './terraform.ts';
import { googleProvider } from './versions.ts';
import { useLocalBackend } from './workspace.ts';

/**
 * The checks' own lock, written over the committed one in the workspace copy: the committed version and
 * constraints, with the hash of the source build instead of the registry's (which cannot match a package built
 * here). OpenTofu reads `hashicorp/google` as registry.opentofu.org: same package from the same mirror, same
 * hash, only the address differs.
 */
export function sourceBuildLock(committed: string, registryHost: string): string {
  const withoutHashes = committed.replace(/\n\s*hashes\s*=\s*\[[^\]]*\]/g, '');
  const locked = withoutHashes.replace(
    /(provider "registry\.terraform\.io\/hashicorp\/google" \{[^}]*?)\n\}/,
    `$1\n  hashes = [\n    "${googleProvider.sourceBuildHash}",\n  ]\n}`,
  );
  if (locked === withoutHashes) throw new Error('the lock file has no hashicorp/google entry');
  return locked.replaceAll('"registry.terraform.io/hashicorp/', `"${registryHost}/hashicorp/`);
}

function writeSourceBuildLock(cli: Cli, dir: string): void {
  const lockFile = join(dir, '.terraform.lock.hcl');
  if (!existsSync(lockFile)) return;
  writeFileSync(lockFile, sourceBuildLock(readFileSync(lockFile, 'utf8'), cli.registryHost));
}

/**
 * Roots run with `-lockfile=readonly` against the source-build lock: init fails unless the committed lock
 * records this provider version and the mirror's package is byte-for-byte the source build.
 * Modules have no lock file (the calling root locks), so theirs is created in the copy.
 */
export async function initDir(
  cli: Cli,
  dir: string,
  env: NodeJS.ProcessEnv,
  options: { backend: boolean; root: boolean },
): Promise<void> {
  writeSourceBuildLock(cli, dir);
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
