// zizmor (static security analysis of GitHub workflows), installed from PyPI with pip at a pinned version into
// the version-keyed cache; its wheel carries the compiled binary, so no Rust toolchain is needed.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheRoot } from './goTool.ts';

const exec = promisify(execFile);

export const zizmorVersion = '1.33.1';
export const zizmorDir = join(cacheRoot, `zizmor-${zizmorVersion}`);
export const zizmorPath = join(zizmorDir, 'bin', 'zizmor');

/** Why zizmor cannot be installed here, or undefined when it can (or already is). */
export function zizmorUnavailable(): string | undefined {
  if (existsSync(zizmorPath)) return undefined;
  return spawnSync('python3', ['-m', 'pip', '--version']).status === 0
    ? undefined
    : `zizmor ${zizmorVersion} is not in ${zizmorDir} and python3 -m pip is not available to install it`;
}

export async function ensureZizmor(): Promise<{ path: string; installed: boolean }> {
  if (existsSync(zizmorPath)) return { path: zizmorPath, installed: false };
  await mkdir(cacheRoot, { recursive: true });
  const scratch = await mkdtemp(join(cacheRoot, '.zizmor-install-'));
  try {
    await exec('python3', [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--no-deps',
      '--target',
      scratch,
      `zizmor==${zizmorVersion}`,
    ]);
    await rename(scratch, zizmorDir);
    return { path: zizmorPath, installed: true };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
