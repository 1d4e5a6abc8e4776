// Long-running component processes: started detached with their output in a log file, stopped by recorded PID.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RunningProcess {
  name: string;
  pid: number;
  command: string;
  log: string;
}

// How the processes this process started ended, from each child's exit event: the only record of a component
// that died before writing a line of log, e.g. killed by a signal. The event comes once every thread is gone;
// /proc can show a dying process first (its leader a zombie while other threads still run).
const exits = new Map<number, string | undefined>();

/** `exit code 1` or `signal SIGKILL` for a process this process started, once it has ended. */
export function exitStatus({ pid }: RunningProcess): string {
  return exits.get(pid) ?? (exits.has(pid) ? 'still running' : 'unknown');
}

/** For a process this process started: has it ended (its exit event came)? Otherwise: is it no longer running? */
export function hasExited(process_: RunningProcess): boolean {
  return exits.has(process_.pid) ? exits.get(process_.pid) !== undefined : !isRunning(process_);
}

/** Detached (own process group), so `cluster:up` can exit and leave the control plane running. */
export function startProcess(name: string, command: string, args: string[], log: string): RunningProcess {
  const out = openSync(log, 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out] });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    const pid = child.pid;
    exits.set(pid, undefined);
    child.once('exit', (code, signal) => exits.set(pid, signal ? `signal ${signal}` : `exit code ${code}`));
    child.unref();
    return { name, pid: child.pid, command, log };
  } finally {
    closeSync(out);
  }
}

/**
 * True while the PID still runs the recorded executable. Checking /proc/<pid>/cmdline means a recycled PID
 * of an unrelated process is never mistaken for ours (and never signalled); zombies count as exited.
 */
export function isRunning({ pid, command }: RunningProcess): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] === command;
  } catch {
    return false;
  }
}

function signal({ pid }: RunningProcess, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    // It may exit between the check and the signal; anything else is a real problem.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** SIGTERM, then SIGKILL if it has not exited within the grace period. */
export async function stopProcess(process_: RunningProcess, graceMs = 10_000): Promise<void> {
  if (!isRunning(process_)) return;
  signal(process_, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isRunning(process_)) return;
    await sleep(100);
  }
  if (isRunning(process_)) signal(process_, 'SIGKILL');
  while (isRunning(process_)) await sleep(50);
}

/** Resident memory in MiB (VmRSS), or undefined once the process is gone. */
export function residentMiB({ pid }: RunningProcess): number | undefined {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return match?.[1] ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
