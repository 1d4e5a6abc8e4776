// The third-party gRPC clients these tests drive, built from their Go modules with `go install` and cached by
// version under ~/.cache/podmesh (like helm, deploy/tools/helm.ts). The Go module proxy is the only source.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, cacheRoot } from '../../deploy/tools/cache.ts';

const exec = promisify(execFile);
const goToolchain = 'go1.26.8'; // fetched through the Go module proxy if the machine has another

interface GoTool {
  name: string;
  module: string;
  version: string;
}

export const grpcurl: GoTool = {
  name: 'grpcurl',
  module: 'github.com/fullstorydev/grpcurl/cmd/grpcurl',
  version: 'v1.9.3',
};
export const grpcHealthProbe: GoTool = {
  name: 'grpc-health-probe',
  module: 'github.com/grpc-ecosystem/grpc-health-probe',
  version: 'v0.4.63',
};

export const toolPath = ({ name, version }: GoTool) => join(cacheDir(name, version), name);

/** Builds the tool unless its cached binary is there; returns its path. */
export async function ensureGoTool(tool: GoTool, log: (line: string) => void = () => {}): Promise<string> {
  const path = toolPath(tool);
  if (existsSync(path)) return path;
  await mkdir(cacheRoot, { recursive: true });
  // Build into a scratch directory, then rename: a second run never sees a half-written binary.
  const scratch = await mkdtemp(join(cacheRoot, `.${tool.name}-build-`));
  try {
    log(`building ${tool.module}@${tool.version} from the Go module proxy (about a minute, once)`);
    await exec('go', ['install', '-trimpath', '-ldflags', '-s -w', `${tool.module}@${tool.version}`], {
      env: {
        ...process.env,
        GOBIN: join(scratch, 'bin'),
        CGO_ENABLED: '0',
        GOWORK: 'off',
        GOFLAGS: '',
        GOTOOLCHAIN: goToolchain,
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    await mkdir(join(path, '..'), { recursive: true });
    // grpc-health-probe's module root builds a binary named after the module's last element.
    await rename(join(scratch, 'bin', tool.name), path);
    return path;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
