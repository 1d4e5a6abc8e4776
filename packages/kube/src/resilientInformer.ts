// A list+watch cache that keeps going, for the operator's and the peers' watches alike.
// client-node's ListWatch has two habits that hurt a long-lived watcher:
// - on any error but 410 Gone it stops for good: here it is restarted with capped exponential backoff
//   (a restart relists, so nothing is lost across the gap);
// - after a watch that ended without events it pauses before re-watching, doubling up to 30 s, so on a quiet
//   resource the next edit can wait that long: here a watch that lasted (the API server's normal watch timeout)
//   is renewed at once, and only watches that end at once (a server in trouble) are paced.
// Besides: the restart backoff starts again from 500 ms once a watch has stayed connected for a while (it used
// to reset only on a successful list, so over a process's life it climbed to 30 s for good); watches ask for
// bookmarks, so a renewed watch resumes from a recent resourceVersion instead of relisting after 410 Gone;
// `whenSynced` resolves at the first complete list, for readiness.
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

/** Remembers when the last watch request started and since when watches connect; asks for bookmarks. */
class TimedWatch extends Watch {
  lastOpenedAt = 0;
  /** First successful connect since the last failure (renewals keep it): 0 while failing. */
  connectedSince = 0;
  override async watch(...args: Parameters<Watch['watch']>): ReturnType<Watch['watch']> {
    const [path, queryParams, ...rest] = args;
    this.lastOpenedAt = performance.now();
    const request = await super.watch(path, { ...queryParams, allowWatchBookmarks: true }, ...rest);
    this.connectedSince ||= performance.now();
    return request;
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
  const initialBackoffMs = 500;
  let backoffMs = initialBackoffMs;
  let stopped = false;
  let synced = false;
  let markSynced: () => void = () => {};
  const whenSynced = new Promise<void>((resolve) => {
    markSynced = resolve;
  });
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  const listAndReset: ListPromise<T> = async () => {
    const result = await list();
    backoffMs = initialBackoffMs; // the API answered: the next failure starts from a short pause again
    return result;
  };
  const informer = new ListWatch<T>(path, watch, listAndReset, false, labelSelector, fieldSelector, {
    delayFn,
  });
  for (const event of ['add', 'update', 'delete'] as const) {
    informer.on(event, (object) => onEvent(object, event));
  }

  function restartLater(error: unknown): void {
    // A watch that was connected for a while before it failed was healthy: start the backoff over.
    const healthyMs = watch.connectedSince ? performance.now() - watch.connectedSince : 0;
    if (healthyMs >= normalWatchMs) backoffMs = initialBackoffMs;
    watch.connectedSince = 0;
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
      if (synced) markSynced();
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
    /** Resolves once the cache holds a complete list (never, while the list keeps failing). */
    whenSynced,
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(restartTimer);
      await informer.stop();
    },
  };
}
