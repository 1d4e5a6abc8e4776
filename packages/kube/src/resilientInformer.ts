// A list+watch cache that keeps going, for the operator's and the peers' watches alike.
// client-node's ListWatch has two habits that hurt a long-lived watcher:
// - on any error but 410 Gone it stops for good: here it is restarted with capped exponential backoff
//   (a restart relists, so nothing is lost across the gap);
// - after a watch that ended without events it pauses before re-watching, doubling up to 30 s, so on a quiet
//   resource the next edit can wait that long: here a watch that lasted (the API server's normal watch timeout)
//   is renewed at once, and only watches that end at once (a server in trouble) are paced.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type KubeConfig,
  type KubernetesObject,
  type ListPromise,
  ListWatch,
  Watch,
} from '@kubernetes/client-node';
import type { Logger } from '@podmesh/runtime';

/** A watch that ran this long and then ended is the API server's normal timeout, not a failure. */
const normalWatchMs = 5000;

export type InformerEvent = 'add' | 'update' | 'delete';

export interface ResilientInformerOptions<T extends KubernetesObject> {
  kubeConfig: KubeConfig;
  /** Collection path, e.g. `/api/v1/namespaces/ns/configmaps`. */
  path: string;
  list: ListPromise<T>;
  labelSelector?: string;
  fieldSelector?: string;
  log: Logger;
  onEvent: (object: T, event: InformerEvent) => void;
  /** Called on every failure, before the restart is scheduled (e.g. to fall back to another source). */
  onFailure?: (error: unknown) => void;
  maxBackoffMs?: number;
}

/** Remembers when the last watch request started. */
class TimedWatch extends Watch {
  lastOpenedAt = 0;
  override async watch(...args: Parameters<Watch['watch']>): ReturnType<Watch['watch']> {
    this.lastOpenedAt = performance.now();
    return super.watch(...args);
  }
}

/** The useful part of a client error: undici hides the network cause of `fetch failed` one level down. */
export function describeKubeError(error: unknown): string {
  const { message, cause, body } = (error ?? {}) as {
    message?: string;
    body?: unknown;
    cause?: { code?: string; message?: string };
  };
  if (typeof body === 'string') {
    try {
      return JSON.parse(body).message ?? body;
    } catch {
      return body;
    }
  }
  const because = cause?.code ?? cause?.message;
  return [message ?? String(error), because].filter(Boolean).join(': ');
}

export function startResilientInformer<T extends KubernetesObject>(options: ResilientInformerOptions<T>) {
  const {
    kubeConfig,
    path,
    list,
    labelSelector,
    fieldSelector,
    log,
    onEvent,
    onFailure,
    maxBackoffMs = 30_000,
  } = options;
  const watch = new TimedWatch(kubeConfig);
  const delayFn = (ms: number) => sleep(performance.now() - watch.lastOpenedAt >= normalWatchMs ? 0 : ms);
  let backoffMs = 500;
  let stopped = false;
  let synced = false;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  const listAndReset: ListPromise<T> = async () => {
    const result = await list();
    backoffMs = 500; // the API answered: the next failure starts from a short pause again
    return result;
  };
  const informer = new ListWatch<T>(path, watch, listAndReset, false, labelSelector, fieldSelector, {
    delayFn,
  });
  for (const event of ['add', 'update', 'delete'] as const) {
    informer.on(event, (object) => onEvent(object, event));
  }

  function restartLater(error: unknown): void {
    failures++;
    synced = false;
    onFailure?.(error);
    if (stopped) return;
    log.warn({ path, error: describeKubeError(error), retryInMs: backoffMs }, 'watch failed; restarting');
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => void start(), backoffMs);
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
  }
  informer.on('error', restartLater);

  async function start(): Promise<void> {
    const failuresBefore = failures;
    try {
      await informer.start();
      // start() reports a failed list through 'error' and still resolves: synced only if nothing failed.
      synced = failures === failuresBefore;
    } catch (error) {
      restartLater(error);
    }
  }

  return {
    informer,
    /** Resolves after the first attempt to list (successful or not: failures are retried in the background). */
    started: start(),
    get synced() {
      return synced;
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(restartTimer);
      await informer.stop();
    },
  };
}
