// `npm run cluster:up -- --node`: joins the real node to the control plane unless it already runs.
import { isRunning } from '../processes.ts';
import type { ClusterState } from '../state.ts';
import { nodeName } from './addresses.ts';
import { readNodeState } from './nodeState.ts';
import { startNode } from './startNode.ts';
import { stopNode } from './stopNode.ts';

export async function joinNode(
  clusterDir: string,
  state: ClusterState,
  controlPlaneBin: string,
  nodeBin: string,
): Promise<void> {
  const existing = readNodeState(clusterDir);
  if (existing && existing.processes.length > 0 && existing.processes.every(isRunning)) {
    console.log(`[node] ${nodeName} already running`);
    return;
  }
  await stopNode(clusterDir); // leftovers of a node that died
  try {
    await startNode({ clusterDir, controlPlaneBin, nodeBin, apiserverPort: state.ports.apiserver });
  } catch (error) {
    await stopNode(clusterDir); // a half-started node is never left behind (nor reused as "running")
    throw error;
  }
}
