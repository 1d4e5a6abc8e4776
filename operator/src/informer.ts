// client-node's informers stop for good on an error (a 410 Gone is handled by relisting, anything else is not):
// this restarts one with capped exponential backoff, which relists, so no event is lost across the gap.
import {
  type KubeConfig,
  type KubernetesObject,
  type ListPromise,
  makeInformer,
} from '@kubernetes/client-node';
import type { Logger } from '@podmesh/runtime';

export interface ResilientInformerOptions<T extends KubernetesObject> {
  kubeConfig: KubeConfig;
  path: string;
  list: ListPromise<T>;
  labelSelector?: string;
  log: Logger;
  onChange: (object: T, event: 'add' | 'update' | 'delete') => void;
  maxBackoffMs?: number;
}

export function startResilientInformer<T extends KubernetesObject>(options: ResilientInformerOptions<T>) {
  const { kubeConfig, path, list, labelSelector, log, onChange, maxBackoffMs = 30_000 } = options;
  const informer = makeInformer<T>(kubeConfig, path, list, labelSelector);
  let backoffMs = 500;
  let stopped = false;
  let synced = false;
  let restartTimer: NodeJS.Timeout | undefined;

  for (const event of ['add', 'update', 'delete'] as const) {
    informer.on(event, (object) => onChange(object, event));
  }
  informer.on('connect', () => {
    backoffMs = 500;
  });
  informer.on('error', (error) => {
    if (stopped) return;
    log.warn(
      { path, error: (error as Error | undefined)?.message, retryInMs: backoffMs },
      'watch failed; restarting',
    );
    restartTimer = setTimeout(() => void start(), backoffMs);
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
  });

  async function start(): Promise<void> {
    try {
      await informer.start();
      synced = true;
    } catch (error) {
      // start() lists first; a failed list is reported through 'error' as well, which schedules the retry.
      log.warn({ path, error: (error as Error).message }, 'initial list failed');
    }
  }

  const started = start();
  return {
    informer,
    started,
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
