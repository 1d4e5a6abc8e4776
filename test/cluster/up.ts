// `npm run cluster:up`: builds (or reuses) the binaries, starts the control plane, prints how to use it.
import { relative } from 'node:path';
import { ensureBinaries } from './buildBinaries.ts';
import { startCluster } from './cluster.ts';
import { clusterHealthy, ownerAlive } from './health.ts';
import { joinNode } from './node/joinNode.ts';
import { ensureNodeBinaries } from './node/nodeBinaries.ts';
import { kubeconfigPath, repoRoot, stateDir } from './paths.ts';
import { residentMiB } from './processes.ts';
import { readState } from './state.ts';

// `-- --node`: a real node too (kubelet, containerd, kube-proxy, CoreDNS); its binaries build meanwhile.
const nodeBin = process.argv.includes('--node') ? ensureNodeBinaries() : undefined;
const bin = await ensureBinaries();
const existing = readState(stateDir());
if (existing && existing.owner !== null && ownerAlive(existing)) {
  console.error(`[cluster] test process ${existing.owner} is using ${stateDir()}; wait for it to finish,`);
  console.error('or start a separate cluster with PODMESH_CLUSTER_DIR=<another directory>.');
  process.exit(1);
}
const state =
  existing?.owner === null && (await clusterHealthy(stateDir(), existing))
    ? existing
    : await startCluster(bin, null);
if (state === existing) console.log('[cluster] already running');
if (nodeBin) await joinNode(stateDir(), state, bin, await nodeBin);

const memory = state.processes.map((p) => `${p.name} ${Math.round(residentMiB(p) ?? 0)}`);
const total = state.processes.reduce((sum, p) => sum + (residentMiB(p) ?? 0), 0);
console.log(`[cluster] resident memory (MiB): ${memory.join(', ')}; total ${Math.round(total)}`);

const kubeconfig = relative(process.cwd(), kubeconfigPath()) || kubeconfigPath();
console.log(`
Kubernetes ${state.kubernetesVersion} is up on https://127.0.0.1:${state.ports.apiserver} (loopback only).
Use the kubectl built with it (same version as the server):

  export KUBECONFIG=${kubeconfig}
  export PATH=${bin}:$PATH
  kubectl get nodes

Logs: ${relative(repoRoot, stateDir())}/logs/. Stop and delete everything: npm run cluster:down
`);
