// The test helper other suites use: a real control plane (started, or reused if one is running) and an
// isolated namespace per test. Call useControlPlane() at the top level of a test file.
import { randomBytes } from 'node:crypto';
import { after, afterEach, type TestContext } from 'node:test';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { ensureBinaries } from './buildBinaries.ts';
import { startCluster, stopCluster } from './cluster.ts';
import { type ExecResult, execFileResult } from './exec.ts';
import { clusterHealthy, ownerAlive } from './health.ts';
import { formatLogTails } from './logs.ts';
import { kubeconfigPath, stateDir } from './paths.ts';
import { readState } from './state.ts';

export interface ControlPlane {
  /** Admin (system:masters) kubeconfig: `.cluster/kubeconfig`. */
  kubeconfigPath: string;
  kubeConfig: KubeConfig;
  /** Directory of the cached binaries, kubectl included (same version as the server). */
  bin: string;
  /** Runs the cluster's own kubectl with the admin kubeconfig; never throws on a non-zero exit. */
  kubectl: (args: string[], input?: string) => Promise<ExecResult>;
}

let current: Promise<ControlPlane> | undefined;

async function startOrReuse(): Promise<ControlPlane> {
  const dir = stateDir();
  const bin = await ensureBinaries();
  const existing = readState(dir);
  let state =
    existing && ownerAlive(existing) && (await clusterHealthy(dir, existing)) ? existing : undefined;
  if (state) {
    console.log(`[cluster] reusing the control plane in ${dir}`);
  } else {
    state = await startCluster(bin, process.pid);
    const startedHere = state;
    after(async () => {
      // Stop only what this process started (a `cluster:up` cluster stays up for the developer).
      const recorded = readState(dir);
      if (recorded?.owner === process.pid && recorded.startedAt === startedHere.startedAt)
        await stopCluster();
    });
  }
  let logsPrinted = false;
  const processes = state.processes;
  afterEach((t) => {
    if (('passed' in t && t.passed) || logsPrinted) return;
    logsPrinted = true;
    console.error(`[cluster] ${t.name} failed; control plane logs:\n${formatLogTails(processes)}`);
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath());
  return {
    kubeconfigPath: kubeconfigPath(),
    kubeConfig,
    bin,
    kubectl: (args, input) =>
      execFileResult(`${bin}/kubectl`, [`--kubeconfig=${kubeconfigPath()}`, ...args], { input }),
  };
}

/** One control plane per test process, whatever the number of callers. */
export function useControlPlane(): Promise<ControlPlane> {
  current ??= startOrReuse();
  return current;
}

/**
 * A fresh namespace for one test, deleted after it (children are garbage-collected by the controller manager).
 * Resolves once its `default` ServiceAccount exists, which pods need to be admitted.
 */
export async function createTestNamespace(t: TestContext, plane: ControlPlane): Promise<string> {
  const core = plane.kubeConfig.makeApiClient(CoreV1Api);
  const slug = t.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  const name = `test-${slug}-${randomBytes(3).toString('hex')}`.replace(/-+/g, '-');
  await core.createNamespace({ body: { metadata: { name, labels: { 'podmesh.dev/test': 'true' } } } });
  t.after(() => core.deleteNamespace({ name }).then(() => undefined));
  await waitFor(
    `ServiceAccount default in ${name}`,
    () => core.readNamespacedServiceAccount({ name: 'default', namespace: name }).then(() => true),
    isTrue,
  );
  return name;
}
