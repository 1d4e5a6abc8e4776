// The count as one Redis key (INCR), for a deployment that moved the count to Redis (docs/adr/0041) and for
// the benchmark that compares the two. Durability is Redis's setting: run it with `appendfsync always`.
import type { Logger } from '@podmesh/runtime';
import { createClient } from 'redis';
import { type CounterStore, StoreError } from './counterStore.ts';

export interface RedisCounterStoreOptions {
  url: string;
  key: string;
  deadlineMs: number;
  log: Logger;
}

export function createRedisCounterStore({
  url,
  key,
  deadlineMs,
  log,
}: RedisCounterStoreOptions): CounterStore {
  const redis = createClient({
    url,
    // Fail at once while disconnected: a queued INCR could run long after its POST got its 503.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: deadlineMs,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000),
    },
  });
  redis.on('error', (error: Error) => log.warn({ error: error.message }, 'redis connection problem'));
  void redis.connect().catch(() => undefined); // reconnects by itself; calls fail fast meanwhile

  async function call<T>(command: () => Promise<T>): Promise<T> {
    const timeout = AbortSignal.timeout(deadlineMs);
    try {
      return await Promise.race([
        command(),
        new Promise<never>((_, reject) =>
          timeout.addEventListener('abort', () =>
            reject(new StoreError('deadline', 'redis: no answer in time')),
          ),
        ),
      ]);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('unavailable', `redis: ${(error as Error).message}`);
    }
  }

  return {
    incrementBy: (delta) => call(() => redis.incrBy(key, delta)),
    read: () => call(async () => Number((await redis.get(key)) ?? 0)),
    close: async () => {
      if (redis.isOpen) await redis.close();
    },
  };
}
