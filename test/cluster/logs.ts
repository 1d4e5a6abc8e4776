// Component logs: each process writes .cluster/logs/<name>.log; tests print the tails when they fail.
import { existsSync, readFileSync } from 'node:fs';
import type { RunningProcess } from './processes.ts';

export function logTail(log: string, lines = 30): string {
  if (!existsSync(log)) return '(no log file)';
  const text = readFileSync(log, 'utf8').trimEnd();
  return text === '' ? '(empty log)' : text.split('\n').slice(-lines).join('\n');
}

export function formatLogTails(processes: RunningProcess[], lines = 30): string {
  return processes
    .map(({ name, log }) => `----- ${name} (${log}), last ${lines} lines -----\n${logTail(log, lines)}`)
    .join('\n');
}
