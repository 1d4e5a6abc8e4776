// Graceful shutdown in the order Kubernetes needs: unready at once, wait for endpoints to drop the pod,
// let in-flight work finish, exit 0. A second signal exits at once.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Health } from './health.ts';
import type { Logger } from './logger.ts';

export interface ShutdownOptions {
  log: Logger;
  health: Health;
  drainDelayMs: number;
  timeoutMs: number;
  close: () => Promise<void>;
}

export function handleShutdownSignals({
  log,
  health,
  drainDelayMs,
  timeoutMs,
  close,
}: ShutdownOptions): void {
  let stopping = false;
  const onSignal = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    // Never ready means no endpoint routes here: nothing to drain.
    const wasServing = health.state === 'ready';
    health.set('draining');
    log.info({ signal, drainDelayMs: wasServing ? drainDelayMs : 0 }, 'shutting down: unready, draining');
    if (wasServing) await sleep(drainDelayMs);
    const deadline = sleep(timeoutMs, 'timeout' as const, { ref: false });
    const outcome = await Promise.race([close().then(() => 'closed' as const), deadline]);
    if (outcome === 'timeout') {
      log.error({ timeoutMs }, 'shutdown timed out: in-flight work abandoned');
      process.exit(1);
    }
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** A crash is logged as one structured line, never a bare stack trace on stdout. */
export function handleFatalErrors(log: Logger): void {
  const fatal = (error: unknown) => {
    log.fatal({ error }, 'fatal error');
    process.exit(1);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
}
