// Where the control plane's binaries (a cache outside the repo, keyed by version) and its state (.cluster/) live.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { versions } from './versions.ts';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

export function cacheRoot(): string {
  return process.env.PODMESH_CACHE || join(homedir(), '.cache', 'podmesh');
}

/** `k8s-<version>/bin`: etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok. */
export function binDir(): string {
  return join(cacheRoot(), `k8s-${versions.kubernetes}`, 'bin');
}

/** All runtime state (certificates, etcd data, logs, PIDs); `cluster:down` deletes it. Git-ignored. */
export function stateDir(): string {
  return process.env.PODMESH_CLUSTER_DIR || join(repoRoot, '.cluster');
}

export function kubeconfigPath(): string {
  return join(stateDir(), 'kubeconfig');
}
