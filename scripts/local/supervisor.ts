// Keeps `npm start`'s service processes running as the kubelet keeps a pod's containers running: one that exits
// while the run is not stopping is started again after a backoff (backoff.ts), and its siblings are left alone.
// Every start and every exit is one line of the runner's output, so a crash loop is plain to see.
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { type BackoffPolicy, nextRestartDelay, restartBackoff } from './backoff.ts';

export interface Supervisor {
  /** Starts `start()` now and again whenever its process exits, until stop(). */
  add(label: string, start: () => ChildProcess): void;
  /** SIGTERM to every process, SIGKILL to those still running after `forceAfterMs`; resolves when all are gone. */
  stop(forceAfterMs?: number): Promise<void>;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export function createSupervisor(policy: BackoffPolicy = restartBackoff): Supervisor {
  const running = new Set<ChildProcess>();
  const pendingRestarts = new Set<NodeJS.Timeout>();
  let stopping = false;
  let allGone: (() => void) | undefined;

  function add(label: string, start: () => ChildProcess): void {
    const prefix = label.padEnd(12);
    let previousDelayMs: number | undefined;
    let restarts = 0;
    const launch = () => {
      const startedAt = performance.now();
      const child = start();
      running.add(child);
      if (child.pid !== undefined) console.log(`${prefix} started (pid ${child.pid})`);
      for (const stream of [child.stdout, child.stderr]) {
        if (stream) createInterface({ input: stream }).on('line', (line) => console.log(`${prefix} ${line}`));
      }
      // A process that could not be spawned at all: 'close' follows with a negative code, and it is retried.
      child.on('error', (error) => console.error(`${label} could not start: ${error.message}`));
      // 'close', not 'exit': the process's last output lines are printed before the run may end.
      child.on('close', (code, signal) => {
        running.delete(child);
        if (stopping) {
          if (running.size === 0) allGone?.();
          return;
        }
        const uptimeMs = performance.now() - startedAt;
        previousDelayMs = nextRestartDelay(policy, previousDelayMs, uptimeMs);
        restarts++;
        const status = code === null ? `signal ${signal}` : `code ${code}`;
        console.error(
          `${label} exited (${status}) after ${seconds(uptimeMs)}; restart ${restarts} in ${seconds(previousDelayMs)}`,
        );
        const timer = setTimeout(() => {
          pendingRestarts.delete(timer);
          launch();
        }, previousDelayMs);
        pendingRestarts.add(timer);
      });
    };
    launch();
  }

  function stop(forceAfterMs = 10_000): Promise<void> {
    if (!stopping) {
      stopping = true;
      for (const timer of pendingRestarts) clearTimeout(timer);
      pendingRestarts.clear();
      for (const child of running) child.kill('SIGTERM');
      setTimeout(() => {
        for (const child of running) child.kill('SIGKILL');
      }, forceAfterMs).unref();
    }
    if (running.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = allGone;
      allGone = () => {
        previous?.();
        resolve();
      };
    });
  }

  return { add, stop };
}
