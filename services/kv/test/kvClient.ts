// A promise-based kv client for tests, straight on grpc-js (no runtime helpers, so it also checks them).
import * as grpc from '@grpc/grpc-js';
import { loadProto } from '@podmesh/runtime/grpc';
import type { ProtoGrpcType } from '../../../proto/generated/kv.ts';
import type { DeleteResponse__Output } from '../../../proto/generated/podmesh/kv/v1/DeleteResponse.ts';
import type { GetResponse__Output } from '../../../proto/generated/podmesh/kv/v1/GetResponse.ts';
import type { IncrementResponse__Output } from '../../../proto/generated/podmesh/kv/v1/IncrementResponse.ts';
import type { ListRequest } from '../../../proto/generated/podmesh/kv/v1/ListRequest.ts';
import type { ListResponse__Output } from '../../../proto/generated/podmesh/kv/v1/ListResponse.ts';

type Callback<T> = (error: grpc.ServiceError | null, reply?: T) => void;
type Unary<T> = (request: object, options: grpc.CallOptions, callback: Callback<T>) => unknown;

export function connectKv(port: number) {
  const { grpcObject } = loadProto<ProtoGrpcType>('podmesh/kv/v1/kv.proto');
  const client = new grpcObject.podmesh.kv.v1.KeyValueService(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  const deadline = () => ({ deadline: Date.now() + 10_000 });
  function call<Reply>(method: string, request: object): Promise<Reply> {
    const invoke = (client as unknown as Record<string, Unary<Reply>>)[method] as Unary<Reply>;
    return new Promise((resolve, reject) => {
      invoke.call(client, request, deadline(), (error, reply) =>
        error ? reject(error) : resolve(reply as Reply),
      );
    });
  }
  return {
    client,
    get: (key: string) => call<GetResponse__Output>('Get', { key }).then((reply) => reply.value),
    put: (key: string, value: Buffer | string) => call('Put', { key, value: Buffer.from(value) }),
    remove: (key: string) => call<DeleteResponse__Output>('Delete', { key }).then((reply) => reply.deleted),
    list: (request: ListRequest) => call<ListResponse__Output>('List', request),
    increment: (key: string, delta: number | string) =>
      call<IncrementResponse__Output>('Increment', { key, delta }).then((reply) => BigInt(reply.value)),
    close: () => client.close(),
  };
}

export type KvTestClient = ReturnType<typeof connectKv>;

/** Asserts a call fails with this gRPC status; returns the error's details for further checks. */
export async function failsWith(promise: Promise<unknown>, code: keyof typeof grpc.status): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const actual = (error as grpc.ServiceError).code;
    if (actual !== grpc.status[code]) {
      throw new Error(`expected ${code}, got ${grpc.status[actual]}: ${(error as Error).message}`);
    }
    return (error as grpc.ServiceError).details;
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}
