// A control plane for benchmarks: reuses a running one (`npm run cluster:up`), else starts one and stops it after.
import { KubeConfig } from '@kubernetes/client-node';
import { ensureBinaries } from '../../test/cluster/buildBinaries.ts';
import { startCluster, stopCluster } from '../../test/cluster/cluster.ts';
import { clusterHealthy, ownerAlive } from '../../test/cluster/health.ts';
import { kubeconfigPath, stateDir } from '../../test/cluster/paths.ts';
import { readState } from '../../test/cluster/state.ts';

export async function withControlPlane<T>(
  work: (kubeconfig: string, kubeConfig: KubeConfig) => Promise<T>,
): Promise<T> {
  const bin = await ensureBinaries();
  const existing = readState(stateDir());
  const reuse = existing && ownerAlive(existing) && (await clusterHealthy(stateDir(), existing));
  if (!reuse) await startCluster(bin, process.pid);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath());
  try {
    return await work(kubeconfigPath(), kubeConfig);
  } finally {
    if (!reuse) await stopCluster();
  }
}
