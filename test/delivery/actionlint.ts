// actionlint, built from its Go module at a pinned version into the version-keyed cache (never committed).
// `go install module@version` resolves the module's own go.sum, checked against the Go checksum database,
// and -trimpath with CGO off makes the binary independent of this machine's paths and C toolchain.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const actionlintVersion = 'v1.7.12';
const actionlintPackage = 'github.com/rhysd/actionlint/cmd/actionlint';

const cacheRoot = process.env.PODMESH_CACHE ?? join(homedir(), '.cache', 'podmesh');
export const actionlintDir = join(cacheRoot, `actionlint-${actionlintVersion}`);
export const actionlintPath = join(actionlintDir, 'actionlint');

/** Returns the cached binary, building it first if absent; `built` says which happened. */
export async function ensureActionlint(): Promise<{ path: string; built: boolean }> {
  if (existsSync(actionlintPath)) return { path: actionlintPath, built: false };
  await mkdir(cacheRoot, { recursive: true });
  // Build beside the cache and rename into place: a concurrent or interrupted run never sees half a binary.
  const scratch = await mkdtemp(join(cacheRoot, '.actionlint-build-'));
  try {
    await exec(
      'go',
      ['install', '-trimpath', '-ldflags=-s -w', `${actionlintPackage}@${actionlintVersion}`],
      {
        env: {
          ...process.env,
          GOBIN: scratch,
          CGO_ENABLED: '0',
          GOWORK: 'off',
          GOFLAGS: '-buildvcs=false',
          GOTOOLCHAIN: 'local',
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    await mkdir(actionlintDir, { recursive: true });
    await rename(join(scratch, 'actionlint'), actionlintPath);
    return { path: actionlintPath, built: true };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
