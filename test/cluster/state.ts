// The record of a running test cluster (.cluster/state.json): what to reuse, and what to stop by PID.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ControlPlanePorts } from './ports.ts';
import type { RunningProcess } from './processes.ts';

export interface ClusterState {
  kubernetesVersion: string;
  /** PID of the test process that started it and will stop it; null when `cluster:up` started it. */
  owner: number | null;
  ports: ControlPlanePorts;
  /** In start order; stopped in reverse. Written after every start, so a crash mid-start is still cleaned up. */
  processes: RunningProcess[];
  startedAt: string;
}

const stateFile = (dir: string) => join(dir, 'state.json');

export function readState(dir: string): ClusterState | undefined {
  if (!existsSync(stateFile(dir))) return undefined;
  try {
    return JSON.parse(readFileSync(stateFile(dir), 'utf8')) as ClusterState;
  } catch {
    return undefined; // torn write from a crash: treated as no cluster, the directory is cleaned anyway
  }
}

export function writeState(dir: string, state: ClusterState): void {
  const temporary = `${stateFile(dir)}.${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, stateFile(dir));
}
