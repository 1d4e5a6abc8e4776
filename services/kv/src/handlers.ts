// gRPC handlers: decode the request, call the store, map a KvError to its status code. Anything else is an
// INTERNAL error whose details stay in the log, not in the reply.
import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '@podmesh/runtime';
import { grpcStatus } from '@podmesh/runtime/grpc';
import type { KeyValueServiceHandlers } from '../../../proto/generated/podmesh/kv/v1/KeyValueService.ts';
import { parseInt64 } from './int64.ts';
import { KvError } from './kvError.ts';
import type { Store } from './store.ts';

function unary<Request, Response>(
  log: Logger,
  handle: (request: Request) => Response | Promise<Response>,
): grpc.handleUnaryCall<Request, Response> {
  return async (call, callback) => {
    try {
      callback(null, await handle(call.request));
    } catch (error) {
      if (error instanceof KvError) {
        callback({ code: grpcStatus[error.code], details: error.message });
        return;
      }
      log.error({ error, method: call.getPath() }, 'kv call failed');
      callback({ code: grpcStatus.INTERNAL, details: 'internal error' });
    }
  };
}

export function keyValueHandlers(store: Store, log: Logger): KeyValueServiceHandlers {
  return {
    Get: unary(log, ({ key }) => ({ value: store.get(key) })),
    Put: unary(log, async ({ key, value }) => {
      await store.put(key, value);
      return {};
    }),
    Delete: unary(log, async ({ key }) => ({ deleted: await store.remove(key) })),
    List: unary(log, ({ prefix, page_size, page_token, keys_only }) => {
      const page = store.list({ prefix, pageSize: page_size, pageToken: page_token, keysOnly: keys_only });
      return { entries: page.entries, next_page_token: page.next };
    }),
    Increment: unary(log, async ({ key, delta }) => {
      const amount = parseInt64(delta);
      if (amount === undefined) throw new KvError('INVALID_ARGUMENT', 'delta must be an int64');
      return { value: (await store.increment(key, amount)).toString() };
    }),
  };
}
