// Builds (or reuses) the node's binaries from their pinned wrapper modules into a version-keyed cache:
// kubelet + kube-proxy (the control plane's Kubernetes module), containerd 2.x + its runc shim + ctr,
// CoreDNS, and the pause process for the local sandbox image. `ensureGoBuilds` is the general part (the e2e
// builds Prometheus and kube-state-metrics with it).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFile } from '../exec.ts';
import { cacheRoot } from '../paths.ts';
import {
  containerdModuleDir,
  corednsModuleDir,
  nodeModuleDir,
  nodeVersions,
  pauseModuleDir,
} from './nodeVersions.ts';

const goEnv = { ...process.env, CGO_ENABLED: '0', GOWORK: 'off', GOFLAGS: '-mod=readonly -buildvcs=false' };
const modules = [nodeModuleDir, containerdModuleDir, corednsModuleDir, pauseModuleDir];

export function nodeBinDir(): string {
  const { kubernetes, containerd, coredns } = nodeVersions;
  return join(cacheRoot(), `k8s-node-${kubernetes}-containerd-${containerd}-coredns-${coredns}`, 'bin');
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)}s`;

async function buildId(moduleDirs: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of moduleDirs) {
    for (const file of ['go.mod', 'go.sum', 'main.go']) {
      if (existsSync(join(dir, file))) hash.update(readFileSync(join(dir, file)));
    }
  }
  hash.update(await execFile('go', ['env', 'GOVERSION'], { env: goEnv }));
  return hash.digest('hex');
}

export interface Build {
  name: string;
  moduleDir: string;
  packages: string[];
  ldflags: string;
  tags?: string;
  /** -o target: a directory (several packages) or a file name inside the output directory. */
  output?: string;
}

// Kubernetes' version stamp, as the control plane's build sets it (see ../buildBinaries.ts).
function kubernetesLdflags(): string {
  const [major, minor] = nodeVersions.kubernetes.replace(/^v/, '').split('.');
  const values = {
    gitVersion: nodeVersions.kubernetes,
    gitMajor: major,
    gitMinor: minor,
    gitTreeState: 'archive',
  };
  return [
    '-s',
    '-w',
    ...Object.entries(values).map(([k, v]) => `-X k8s.io/component-base/version.${k}=${v}`),
  ].join(' ');
}

const builds: Build[] = [
  {
    name: 'kubelet, kube-proxy',
    moduleDir: nodeModuleDir,
    packages: ['k8s.io/kubernetes/cmd/kubelet', 'k8s.io/kubernetes/cmd/kube-proxy'],
    ldflags: kubernetesLdflags(),
  },
  {
    // Upstream's static build tags; btrfs needs cgo and is not used (overlayfs snapshotter).
    name: 'containerd, containerd-shim-runc-v2, ctr',
    moduleDir: containerdModuleDir,
    packages: ['cmd/containerd', 'cmd/containerd-shim-runc-v2', 'cmd/ctr'].map(
      (cmd) => `github.com/containerd/containerd/v2/${cmd}`,
    ),
    tags: 'no_btrfs urfave_cli_no_docs osusergo netgo',
    ldflags: `-s -w -X github.com/containerd/containerd/v2/version.Version=${nodeVersions.containerd}`,
  },
  {
    name: 'coredns',
    moduleDir: corednsModuleDir,
    packages: ['github.com/coredns/coredns'],
    ldflags: '-s -w',
    output: 'coredns',
  },
  { name: 'pause', moduleDir: pauseModuleDir, packages: ['.'], ldflags: '-s -w', output: 'pause' },
];

async function goBuild(build: Build, out: string, log: string): Promise<void> {
  const started = performance.now();
  const target = build.output ? join(out, build.output) : `${out}/`;
  const tags = build.tags ? ['-tags', build.tags] : [];
  await execFile(
    'go',
    ['build', '-trimpath', ...tags, '-ldflags', build.ldflags, '-o', target, ...build.packages],
    {
      cwd: build.moduleDir,
      env: goEnv,
    },
  );
  console.log(`[${log}] built ${build.name} in ${seconds(started)}`);
}

export interface GoBuilds {
  /** Log prefix, e.g. `node`. */
  log: string;
  /** What is built, for the log line. */
  title: string;
  /** The cache directory the binaries end up in. */
  bin: string;
  /** Wrapper modules whose go.mod, go.sum (and main.go) key the cache. */
  moduleDirs: string[];
  builds: Build[];
}

/** Returns `bin`; builds every binary into it first unless an identical build (same modules, same Go) is cached. */
export async function ensureGoBuilds({ log, title, bin, moduleDirs, builds }: GoBuilds): Promise<string> {
  const started = performance.now();
  const stampFile = join(bin, '.build-id');
  const id = await buildId(moduleDirs);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === id) {
    console.log(`[${log}] reusing ${bin} (checked in ${seconds(started)})`);
    return bin;
  }
  console.log(`[${log}] building ${title} into ${bin}`);
  const partial = `${bin}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  mkdirSync(dirname(bin), { recursive: true });
  // Side by side: each build is parallel inside, and their long single-threaded links overlap.
  await Promise.all(builds.map((build) => goBuild(build, partial, log)));
  writeFileSync(join(partial, '.build-id'), id);
  rmSync(bin, { recursive: true, force: true });
  renameSync(partial, bin);
  console.log(`[${log}] binaries ready in ${seconds(started)}`);
  return bin;
}

/** Returns the bin directory of the node's binaries; builds them unless an identical build is cached. */
export function ensureNodeBinaries(): Promise<string> {
  const { kubernetes, containerd, coredns } = nodeVersions;
  return ensureGoBuilds({
    log: 'node',
    title: `kubelet ${kubernetes}, containerd ${containerd}, CoreDNS ${coredns}`,
    bin: nodeBinDir(),
    moduleDirs: modules,
    builds,
  });
}
