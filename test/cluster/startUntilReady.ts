// Starts a component and waits for it to be ready, as a node's service manager would: a process that exits
// during start-up is reported (how it ended, its log) and started once more (systemd's Restart=on-failure with
// a burst limit). One retry absorbs a one-off death; a component that cannot start fails twice and says why.
import { setTimeout as sleep } from 'node:timers/promises';
import { execFileResult } from './exec.ts';
import { logTail } from './logs.ts';
import { exitStatus, hasExited, type RunningProcess, startProcess } from './processes.ts';

export interface StartUntilReady {
  name: string;
  command: string;
  args: string[];
  log: string;
  /** Where teardown finds the processes (a state file's list): each start takes the place of the one before. */
  processes: RunningProcess[];
  /** Writes that list out, once a start is recorded in it. */
  save: () => void;
  ready: (process_: RunningProcess) => Promise<boolean>;
  /** Prefix of the console lines, e.g. `[node]`. */
  tag: string;
  timeoutMs: number;
  intervalMs: number;
}

const starts = 2;

/** The kernel's lines about `pid`: `Killed process 1136 (kubelet)`, `oom-kill:…,pid=1136,…`, `kubelet[1136]: segfault`. */
export function kernelLinesAbout(kernelLog: string, pid: number): string[] {
  const aboutPid = new RegExp(`process ${pid}\\b|pid=${pid}\\b|\\[${pid}\\]`);
  return kernelLog.split('\n').filter((line) => aboutPid.test(line));
}

/** What the kernel logged about `pid`: a kill by the kernel (out of memory, a segfault) is recorded nowhere else. */
async function kernelSaid(pid: number): Promise<string> {
  const { stdout, code } = await execFileResult('dmesg', []).catch(() => ({ stdout: '', code: 1 }));
  if (code !== 0) return '(kernel log not readable)';
  const lines = kernelLinesAbout(stdout, pid);
  return lines.length === 0 ? '(nothing about it)' : lines.slice(-5).join('\n');
}

export async function startUntilReady({
  name,
  command,
  args,
  log,
  processes,
  save,
  ready,
  tag,
  timeoutMs,
  intervalMs,
}: StartUntilReady): Promise<RunningProcess> {
  const endings: string[] = [];
  for (let attempt = 1; attempt <= starts; attempt++) {
    const process_ = startProcess(name, command, args, log);
    const earlier = processes.findIndex((recorded) => recorded.name === name);
    if (earlier === -1) processes.push(process_);
    else processes[earlier] = process_;
    save();
    const deadline = Date.now() + timeoutMs;
    let lastError = '';
    while (!hasExited(process_)) {
      try {
        if (await ready(process_)) return process_;
      } catch (error) {
        lastError = (error as Error).message;
      }
      if (Date.now() > deadline) {
        throw new Error(`${name} not ready after ${timeoutMs / 1000}s (${lastError || 'no error'})`);
      }
      await sleep(intervalMs);
    }
    endings.push(exitStatus(process_));
    if (attempt < starts) {
      console.log(
        `${tag} ${name} exited during start-up (${endings.at(-1)}); starting it once more. Its log:\n` +
          `${logTail(process_.log, 40)}\nThe kernel's log: ${await kernelSaid(process_.pid)}`,
      );
    }
  }
  throw new Error(`${name} exited during start-up ${starts} times (${endings.join(', then ')})`);
}
