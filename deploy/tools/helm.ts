// The helm CLI, built reproducibly from its Go module (helm.sh/helm/v4) with the release's own flags, cached by
// version. No prebuilt binary is downloaded: the Go module proxy is the only source it needs.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, cacheRoot } from './cache.ts';

const exec = promisify(execFile);

export const helmVersion = 'v4.3.1';
const helmModule = 'helm.sh/helm/v4';
const goToolchain = 'go1.26.8'; // fetched through the Go module proxy if the machine has another

export const helmPath = join(cacheDir('helm', helmVersion), 'helm');

/** Builds helm unless the cached binary is there; returns its path. `log` gets progress lines. */
export async function ensureHelm(log: (line: string) => void = () => {}): Promise<string> {
  if (existsSync(helmPath)) return helmPath;
  await mkdir(cacheRoot, { recursive: true });
  // Build into a scratch directory, then rename: a second run never sees a half-written binary.
  const scratch = await mkdtemp(join(cacheRoot, '.helm-build-'));
  try {
    log(`building ${helmModule}/cmd/helm@${helmVersion} from the Go module proxy (a few minutes, once)`);
    // -ldflags as helm's Makefile sets them for a tagged release; CGO off like the published binaries.
    const ldflags = [
      '-s -w',
      `-X ${helmModule}/internal/version.version=${helmVersion}`,
      `-X ${helmModule}/internal/version.metadata=`,
      `-X ${helmModule}/internal/version.gitTreeState=clean`,
    ].join(' ');
    await exec('go', ['install', '-trimpath', '-ldflags', ldflags, `${helmModule}/cmd/helm@${helmVersion}`], {
      env: {
        ...process.env,
        GOBIN: join(scratch, 'bin'),
        CGO_ENABLED: '0',
        GOWORK: 'off',
        GOFLAGS: '',
        GOTOOLCHAIN: goToolchain, // the same compiler everywhere: the same binary everywhere
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    await mkdir(join(helmPath, '..'), { recursive: true });
    await rename(join(scratch, 'bin', 'helm'), helmPath);
    return helmPath;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
