// The container engine: podman where it is installed (no daemon needed), docker otherwise.
// On podman, containers run with runc (crun cannot create cgroups on the v1/hybrid hosts seen here) and with
// rlimits no higher than this process's own hard limits (podman's defaults exceed them and the start fails).
import { execFileSync } from 'node:child_process';
import { run, runResult } from './exec.ts';

export interface Engine {
  name: 'podman' | 'docker';
  /** Runs the engine with its global flags; resolves with stdout. */
  run(args: string[], options?: Parameters<typeof run>[2]): Promise<string>;
  result(args: string[], options?: Parameters<typeof run>[2]): ReturnType<typeof runResult>;
  /** Flags for `build` and `run` that make containers start on this host. */
  containerFlags: string[];
}

function onPath(command: string): boolean {
  return runSync('sh', ['-c', `command -v ${command}`]) !== undefined;
}

function runSync(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Explicit rlimits, capped by this process's own hard limits: podman's defaults ask for more than such hosts
 * grant and runc then fails with "error setting rlimits". nproc is counted per UID; 4096 is ample for one
 * Node process and its threads (higher values were refused here even under the hard limit).
 */
function ulimitFlags(): string[] {
  const flag = (name: string, query: string, cap: number) => {
    const hard = runSync('sh', ['-c', `ulimit -H${query}`]);
    const value = hard && /^\d+$/.test(hard) ? Math.min(Number(hard), cap) : cap;
    return ['--ulimit', `${name}=${value}:${value}`];
  };
  return [...flag('nofile', 'n', 20_000), ...flag('nproc', 'u', 4096)];
}

export function detectEngine(preferred = process.env.CONTAINER_ENGINE): Engine {
  const name =
    preferred === 'docker' || preferred === 'podman' ? preferred : onPath('podman') ? 'podman' : 'docker';
  // A docker client without a reachable daemon (common on CI images) cannot build anything.
  const usable =
    name === 'podman' ? onPath('podman') : runSync('docker', ['info', '--format', '{{.ServerVersion}}']);
  if (!usable) {
    throw new Error(
      `no usable container engine (${name} ${onPath(name) ? 'has no daemon' : 'is not installed'}); ` +
        'on Debian: bash .ci/install-container-deps.sh',
    );
  }
  const globalFlags = name === 'podman' ? ['--runtime', process.env.PODMAN_RUNTIME || 'runc'] : [];
  return {
    name,
    run: (args, options) => run(name, [...globalFlags, ...args], options),
    result: (args, options) => runResult(name, [...globalFlags, ...args], options),
    containerFlags: name === 'podman' ? ulimitFlags() : [],
  };
}
