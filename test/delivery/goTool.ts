// A Go command built from the Go module proxy at a pinned version into the version-keyed cache (never
// committed). `go install module@version` resolves the module's own go.sum, checked against the Go checksum
// database; -trimpath with CGO off makes the binary independent of this machine's paths and C toolchain.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface GoTool {
  /** Cache directory name and binary name: `<name>-<version>/<binary>`. */
  name: string;
  /** The package path of the command, e.g. github.com/google/go-containerregistry/cmd/crane. */
  goPackage: string;
  version: string;
  /** -ldflags beyond -s -w (e.g. a version stamp the tool prints). */
  ldflags?: string[];
}

export const cacheRoot = process.env.PODMESH_CACHE ?? join(homedir(), '.cache', 'podmesh');

export function goToolDir(tool: GoTool): string {
  return join(cacheRoot, `${tool.name}-${tool.version}`);
}

export function goToolPath(tool: GoTool): string {
  return join(goToolDir(tool), basename(tool.goPackage));
}

/** Returns the cached binary, building it first if absent; `built` says which happened. */
export async function ensureGoTool(tool: GoTool): Promise<{ path: string; built: boolean }> {
  const path = goToolPath(tool);
  if (existsSync(path)) return { path, built: false };
  await mkdir(cacheRoot, { recursive: true });
  // Build beside the cache and rename into place: a concurrent or interrupted run never sees half a binary.
  const scratch = await mkdtemp(join(cacheRoot, `.${tool.name}-build-`));
  try {
    const ldflags = ['-s', '-w', ...(tool.ldflags ?? [])].join(' ');
    await exec('go', ['install', '-trimpath', `-ldflags=${ldflags}`, `${tool.goPackage}@${tool.version}`], {
      env: {
        ...process.env,
        GOBIN: scratch,
        CGO_ENABLED: '0',
        GOWORK: 'off',
        GOFLAGS: '-buildvcs=false',
        GOTOOLCHAIN: 'local',
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    await mkdir(goToolDir(tool), { recursive: true });
    await rename(join(scratch, basename(tool.goPackage)), path);
    return { path, built: true };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
