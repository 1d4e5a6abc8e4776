// Is a recorded cluster still usable? Every process alive and the API server ready.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { probe } from './probe.ts';
import { isRunning } from './processes.ts';
import type { ClusterState } from './state.ts';

export async function clusterHealthy(dir: string, state: ClusterState): Promise<boolean> {
  if (!state.processes.every(isRunning)) return false;
  try {
    const ca = readFileSync(join(dir, 'pki', 'ca.crt'));
    const { status } = await probe(`https://127.0.0.1:${state.ports.apiserver}/readyz`, { ca });
    return status === 200;
  } catch {
    return false;
  }
}

/** The owner is a test process that started the cluster; if it is gone, its cluster is a leftover. */
export function ownerAlive(state: ClusterState): boolean {
  if (state.owner === null) return true;
  try {
    process.kill(state.owner, 0);
    return true;
  } catch {
    return false;
  }
}
