// The record of the node joined to the test cluster (<cluster>/node/node.json): its processes, by PID.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningProcess } from '../processes.ts';
import type { NodePorts } from './nodeComponents.ts';

export interface NodeState {
  bin: string;
  ports: NodePorts;
  processes: RunningProcess[];
  startedAt: string;
}

const stateFile = (clusterDir: string) => join(clusterDir, 'node', 'node.json');

export function readNodeState(clusterDir: string): NodeState | undefined {
  try {
    return existsSync(stateFile(clusterDir))
      ? (JSON.parse(readFileSync(stateFile(clusterDir), 'utf8')) as NodeState)
      : undefined;
  } catch {
    return undefined;
  }
}

export function writeNodeState(clusterDir: string, state: NodeState): void {
  writeFileSync(stateFile(clusterDir), `${JSON.stringify(state, null, 2)}\n`);
}
