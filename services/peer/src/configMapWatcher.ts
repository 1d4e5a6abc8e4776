// Optional fast path in a cluster: watch this mesh's ConfigMap through the API (list + watch of one named
// object), instead of waiting for the kubelet's periodic volume sync (up to a minute or more).
// client-node's informer stops for good on an error, so it is restarted here with capped exponential backoff.

import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, type KubeConfig, ListWatch, type V1ConfigMap, Watch } from '@kubernetes/client-node';
import type { Logger } from '@podmesh/runtime';

export interface ConfigMapWatcherOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  name: string;
  /** The data key holding the config document. */
  key: string;
  log: Logger;
  onText: (text: string) => void;
  /** In sync: listed and watching, and the ConfigMap exists with the key. */
  onSync: (inSync: boolean) => void;
  maxBackoffMs?: number;
}

/** The useful part of a client error: undici hides the network cause of `fetch failed` one level down. */
function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as {
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const because = cause?.code ?? cause?.message;
  return [message ?? String(error), because].filter(Boolean).join(': ');
}

/** Remembers when the last watch request started. */
class TimedWatch extends Watch {
  lastOpenedAt = 0;
  override async watch(...args: Parameters<Watch['watch']>): ReturnType<Watch['watch']> {
    this.lastOpenedAt = performance.now();
    return super.watch(...args);
  }
}

/** A watch that ran this long and then ended is the API server's normal watch timeout, not a failure. */
const normalWatchMs = 5000;

export function watchConfigMap({
  kubeConfig,
  namespace,
  name,
  key,
  log,
  onText,
  onSync,
  maxBackoffMs = 30_000,
}: ConfigMapWatcherOptions) {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const fieldSelector = `metadata.name=${name}`;
  const where = { namespace, configMap: name, key };
  let backoffMs = 500;
  let stopped = false;
  let restartTimer: NodeJS.Timeout | undefined;

  function deliver(configMap: V1ConfigMap): void {
    const text = configMap.data?.[key];
    if (text === undefined) {
      log.warn(where, 'the ConfigMap has no such key; using the mounted file');
      onSync(false);
      return;
    }
    onSync(true);
    onText(text);
  }

  // client-node pauses before re-watching after every watch that ended without events, doubling up to 30 s,
  // and a quiet ConfigMap produces no events: edits would wait out the pause. Re-watch at once after a watch
  // that lasted (the server's timeout); keep the pause for watches that end at once (a server in trouble).
  const watch = new TimedWatch(kubeConfig);
  const delayFn = (ms: number) => sleep(performance.now() - watch.lastOpenedAt >= normalWatchMs ? 0 : ms);
  const informer = new ListWatch<V1ConfigMap>(
    `/api/v1/namespaces/${namespace}/configmaps`,
    watch,
    async () => {
      const list = await api.listNamespacedConfigMap({ namespace, fieldSelector });
      backoffMs = 500; // a successful list means the API is reachable and we may read the ConfigMap
      if (list.items.length === 0) {
        log.warn(where, 'the ConfigMap does not exist (yet); using the mounted file');
        onSync(false);
      }
      return list;
    },
    false,
    undefined,
    fieldSelector,
    { delayFn },
  );
  informer.on('add', deliver);
  informer.on('update', deliver);
  informer.on('delete', () => {
    log.warn(where, 'the ConfigMap was deleted; keeping the current config, using the mounted file');
    onSync(false);
  });
  function restartLater(error: unknown): void {
    onSync(false);
    if (stopped) return;
    log.warn(
      { ...where, error: describe(error), retryInMs: backoffMs },
      'ConfigMap watch failed; using the mounted file until it is restarted',
    );
    clearTimeout(restartTimer);
    restartTimer = setTimeout(start, backoffMs);
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
  }
  // start() can also reject (e.g. credentials that cannot be read): same path as a watch error.
  function start(): void {
    informer.start().catch(restartLater);
  }
  informer.on('error', restartLater);

  start();
  return {
    async close(): Promise<void> {
      stopped = true;
      clearTimeout(restartTimer);
      await informer.stop();
    },
  };
}
