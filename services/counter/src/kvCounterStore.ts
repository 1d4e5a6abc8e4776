// The count as one int64 key in kv, changed only by kv's atomic Increment.
import type { Metrics } from '@podmesh/runtime';
import { createGrpcClient, grpcCodeName, loadProto } from '@podmesh/runtime/grpc';
import type { ProtoGrpcType } from '../../../proto/generated/kv.ts';
import { type CounterStore, StoreError } from './counterStore.ts';

export interface KvCounterStoreOptions {
  target: string;
  key: string;
  deadlineMs: number;
  metrics: Metrics;
}

function storeError(error: unknown): Error {
  const code = grpcCodeName(error);
  const details = (error as { details?: string }).details ?? (error as Error).message;
  if (code === 'DEADLINE_EXCEEDED') return new StoreError('deadline', `kv: ${details}`);
  if (code === 'UNAVAILABLE' || code === 'CANCELLED') return new StoreError('unavailable', `kv: ${details}`);
  return error as Error; // a contract violation (e.g. FAILED_PRECONDITION): a 500 with the cause in the log
}

/** The stored count; anything else in the key is a fault (a 500 with the cause in the log), never NaN. */
function countFrom(text: string): number {
  const count = Number(text);
  if (!/^-?[0-9]+$/.test(text) || !Number.isSafeInteger(count)) {
    throw new Error(`the count key holds ${JSON.stringify(text.slice(0, 32))}, not a count`);
  }
  return count;
}

export function createKvCounterStore({
  target,
  key,
  deadlineMs,
  metrics,
}: KvCounterStoreOptions): CounterStore {
  const { grpcObject } = loadProto<ProtoGrpcType>('podmesh/kv/v1/kv.proto');
  const kv = createGrpcClient(grpcObject.podmesh.kv.v1.KeyValueService, {
    target,
    deadlineMs,
    metrics,
    // Get is an idempotent read; Increment is never retried (see StoreError).
    retryable: [{ service: 'podmesh.kv.v1.KeyValueService', method: 'Get' }],
  });

  return {
    incrementBy: (delta) =>
      new Promise((resolve, reject) => {
        kv.Increment({ key, delta }, (error, reply) =>
          error ? reject(storeError(error)) : resolve(Number(reply?.value)),
        );
      }),
    read: () =>
      new Promise((resolve, reject) => {
        kv.Get({ key }, (error, reply) => {
          if (grpcCodeName(error) === 'NOT_FOUND') resolve(0);
          else if (error) reject(storeError(error));
          else {
            try {
              resolve(countFrom(reply?.value.toString('latin1') ?? ''));
            } catch (fault) {
              reject(fault);
            }
          }
        });
      }),
    close: async () => kv.close(),
  };
}
