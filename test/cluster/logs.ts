// Component logs: each process writes .cluster/logs/<name>.log; tests print the tails when they fail.
import { existsSync, readFileSync } from 'node:fs';
import { exitOf, type RunningProcess } from './processes.ts';

export function logTail(log: string, lines = 30): string {
  if (!existsSync(log)) return '(no log file)';
  return readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** The error for a component that died while starting: how it ended, and the tail of its log. */
export async function exitedDuringStartUp({ name, pid, log }: RunningProcess): Promise<Error> {
  return new Error(`${name} exited during start-up (${await exitOf(pid)}):\n${logTail(log, 40)}`);
}

export function formatLogTails(processes: RunningProcess[], lines = 30): string {
  return processes
    .map(({ name, log }) => `----- ${name} (${log}), last ${lines} lines -----\n${logTail(log, lines)}`)
    .join('\n');
}
