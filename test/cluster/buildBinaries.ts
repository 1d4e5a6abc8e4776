// Builds (or reuses) the control-plane binaries from the pinned wrapper modules into the version-keyed cache.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFile } from './exec.ts';
import { goEnv } from './goEnv.ts';
import { kwokStagesFile, writeKwokStages } from './kwokStages.ts';
import { binDir } from './paths.ts';
import { versionLdflags } from './versionStamp.ts';
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

async function goBuild(name: string, moduleDir: string, out: string, packages: string[], ldflags: string) {
  const started = performance.now();
  await execFile('go', ['build', '-trimpath', '-ldflags', ldflags, '-o', `${out}/`, ...packages], {
    cwd: moduleDir,
    env: goEnv,
  });
  console.log(`[cluster] built ${name} in ${seconds(started)}`);
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
