// Builds (or reuses) the control-plane binaries from the pinned wrapper modules into the version-keyed cache.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { kwokStagesFile } from './components/kwok.ts';
import { execFile } from './exec.ts';
import { binDir } from './paths.ts';
import { kubernetesModuleDir, kwokModuleDir, versions } from './versions.ts';

export const binaries = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubectl',
  'kwok',
] as const;

const kubernetesPackages = [
  'k8s.io/kubernetes/cmd/kube-apiserver',
  'k8s.io/kubernetes/cmd/kube-controller-manager',
  'k8s.io/kubernetes/cmd/kube-scheduler',
  'k8s.io/kubernetes/cmd/kubectl',
  'go.etcd.io/etcd/server/v3', // etcd's own main package; `go build` names it after the path: "server"
];

// Static binaries, module graph exactly as committed (go.sum), no go.work from a parent directory.
const goEnv = { ...process.env, CGO_ENABLED: '0', GOWORK: 'off', GOFLAGS: '-mod=readonly -buildvcs=false' };

/** CPU seconds used by this process's finished children (the go builds): a figure other load cannot inflate. */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime are fields 16 and 17 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)}s`;
}

/** Changes whenever a pinned version, a checksum or the Go toolchain changes: the cache is then rebuilt. */
async function buildId(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of [kubernetesModuleDir, kwokModuleDir]) {
    for (const file of ['go.mod', 'go.sum']) hash.update(readFileSync(join(dir, file)));
  }
  hash.update(await execFile('go', ['env', 'GOVERSION'], { env: goEnv }));
  return hash.digest('hex');
}

/**
 * The same version stamp upstream's hack/lib/version.sh puts in release builds, so `--version`, `/version`
 * and kubectl's skew checks see v1.x.y instead of v0.0.0-master. The module zip carries no commit hash;
 * the build date is the tag's date, which keeps the build reproducible.
 */
async function versionLdflags(): Promise<string> {
  const listed = JSON.parse(
    await execFile('go', ['list', '-m', '-json', 'k8s.io/kubernetes'], {
      cwd: kubernetesModuleDir,
      env: goEnv,
    }),
  ) as { Version: string; Time: string };
  const [major, minor] = listed.Version.replace(/^v/, '').split('.');
  const values = {
    gitVersion: listed.Version,
    gitMajor: major,
    gitMinor: minor,
    gitTreeState: 'archive',
    buildDate: listed.Time.replace(/\.\d+Z$/, 'Z'),
  };
  const stamps = Object.entries(values).flatMap(([key, value]) => [
    `-X k8s.io/component-base/version.${key}=${value}`,
    `-X k8s.io/client-go/pkg/version.${key}=${value}`,
  ]);
  return ['-s', '-w', ...stamps].join(' ');
}

async function goBuild(name: string, moduleDir: string, out: string, packages: string[], ldflags: string) {
  const started = performance.now();
  await execFile('go', ['build', '-trimpath', '-ldflags', ldflags, '-o', `${out}/`, ...packages], {
    cwd: moduleDir,
    env: goEnv,
  });
  console.log(`[cluster] built ${name} in ${seconds(started)}`);
}

// kwok does nothing without Stage objects. kwokctl feeds it the defaults shipped in kwok's module; take the
// same files from the module cache (node: initialize + lease heartbeat; pod: ready, complete, delete).
const kwokStages = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
];

async function writeKwokStages(out: string): Promise<void> {
  const listed = JSON.parse(
    await execFile('go', ['list', '-m', '-json', 'sigs.k8s.io/kwok'], { cwd: kwokModuleDir, env: goEnv }),
  ) as { Dir: string };
  const documents = kwokStages.map((file) =>
    readFileSync(join(listed.Dir, 'kustomize', 'stage', file), 'utf8'),
  );
  writeFileSync(join(out, kwokStagesFile), documents.map((doc) => doc.trim()).join('\n---\n'));
}

/** Returns the bin directory holding every binary; builds it first unless an identical build is cached. */
export async function ensureBinaries(): Promise<string> {
  const started = performance.now();
  const bin = binDir();
  const stampFile = join(bin, '.build-id');
  const id = await buildId();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === id) {
    if (!existsSync(join(bin, kwokStagesFile))) await writeKwokStages(bin);
    console.log(`[cluster] reusing ${bin} (checked in ${seconds(started)})`);
    return bin;
  }
  console.log(
    `[cluster] building Kubernetes ${versions.kubernetes}, etcd ${versions.etcd}, kwok ${versions.kwok} into ${bin}`,
  );
  // Build beside the cache and rename at the end, so an interrupted build never looks like a finished one.
  const cpuBefore = childrenCpuSeconds();
  const partial = `${bin}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(dirname(bin), { recursive: true });
  const ldflags = await versionLdflags();
  // Two `go build`s side by side: each is parallel inside, and the long single-threaded links overlap.
  await Promise.all([
    goBuild(
      'etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl',
      kubernetesModuleDir,
      partial,
      kubernetesPackages,
      ldflags,
    ),
    goBuild('kwok', kwokModuleDir, partial, ['sigs.k8s.io/kwok/cmd/kwok'], '-s -w'),
  ]);
  renameSync(join(partial, 'server'), join(partial, 'etcd'));
  await writeKwokStages(partial);
  writeFileSync(join(partial, '.build-id'), id);
  rmSync(bin, { recursive: true, force: true });
  renameSync(partial, bin);
  const cpu = childrenCpuSeconds() - cpuBefore;
  console.log(
    `[cluster] binaries ready in ${seconds(started)} (${Math.round(cpu)} CPU seconds of compiling)`,
  );
  return bin;
}
