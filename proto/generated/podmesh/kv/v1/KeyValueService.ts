// Original file: podmesh/kv/v1/kv.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeleteRequest as _podmesh_kv_v1_DeleteRequest, DeleteRequest__Output as _podmesh_kv_v1_DeleteRequest__Output } from '../../../podmesh/kv/v1/DeleteRequest.ts';
import type { DeleteResponse as _podmesh_kv_v1_DeleteResponse, DeleteResponse__Output as _podmesh_kv_v1_DeleteResponse__Output } from '../../../podmesh/kv/v1/DeleteResponse.ts';
import type { GetRequest as _podmesh_kv_v1_GetRequest, GetRequest__Output as _podmesh_kv_v1_GetRequest__Output } from '../../../podmesh/kv/v1/GetRequest.ts';
import type { GetResponse as _podmesh_kv_v1_GetResponse, GetResponse__Output as _podmesh_kv_v1_GetResponse__Output } from '../../../podmesh/kv/v1/GetResponse.ts';
import type { IncrementRequest as _podmesh_kv_v1_IncrementRequest, IncrementRequest__Output as _podmesh_kv_v1_IncrementRequest__Output } from '../../../podmesh/kv/v1/IncrementRequest.ts';
import type { IncrementResponse as _podmesh_kv_v1_IncrementResponse, IncrementResponse__Output as _podmesh_kv_v1_IncrementResponse__Output } from '../../../podmesh/kv/v1/IncrementResponse.ts';
import type { ListRequest as _podmesh_kv_v1_ListRequest, ListRequest__Output as _podmesh_kv_v1_ListRequest__Output } from '../../../podmesh/kv/v1/ListRequest.ts';
import type { ListResponse as _podmesh_kv_v1_ListResponse, ListResponse__Output as _podmesh_kv_v1_ListResponse__Output } from '../../../podmesh/kv/v1/ListResponse.ts';
import type { PutRequest as _podmesh_kv_v1_PutRequest, PutRequest__Output as _podmesh_kv_v1_PutRequest__Output } from '../../../podmesh/kv/v1/PutRequest.ts';
import type { PutResponse as _podmesh_kv_v1_PutResponse, PutResponse__Output as _podmesh_kv_v1_PutResponse__Output } from '../../../podmesh/kv/v1/PutResponse.ts';

/**
 * A durable key-value store. Every write is on disk (fsynced) before its reply: an OK answer is never lost,
 * even if the server is killed right after sending it. Keys are UTF-8 strings of 1–512 bytes, values are at
 * most 1 MiB; anything else is INVALID_ARGUMENT.
 */
export interface KeyValueServiceClient extends grpc.Client {
  /**
   * Removes a key. Idempotent: deleting a missing key is OK with deleted = false.
   */
  Delete(argument: _podmesh_kv_v1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _podmesh_kv_v1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _podmesh_kv_v1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _podmesh_kv_v1_DeleteRequest, callback: grpc.requestCallback<_podmesh_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes a key. Idempotent: deleting a missing key is OK with deleted = false.
   */
  delete(argument: _podmesh_kv_v1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _podmesh_kv_v1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _podmesh_kv_v1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _podmesh_kv_v1_DeleteRequest, callback: grpc.requestCallback<_podmesh_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns the value of a key. NOT_FOUND if the key does not exist.
   */
  Get(argument: _podmesh_kv_v1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _podmesh_kv_v1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _podmesh_kv_v1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _podmesh_kv_v1_GetRequest, callback: grpc.requestCallback<_podmesh_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns the value of a key. NOT_FOUND if the key does not exist.
   */
  get(argument: _podmesh_kv_v1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _podmesh_kv_v1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _podmesh_kv_v1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _podmesh_kv_v1_GetRequest, callback: grpc.requestCallback<_podmesh_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Atomically adds delta to a key holding a decimal int64 (a missing key counts as 0) and returns the new
   * value. FAILED_PRECONDITION if the stored value is not a decimal int64; OUT_OF_RANGE on int64 overflow.
   * Not idempotent: a client must not retry it blindly after an unknown outcome (e.g. DEADLINE_EXCEEDED).
   */
  Increment(argument: _podmesh_kv_v1_IncrementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_IncrementResponse__Output>): grpc.ClientUnaryCall;
  Increment(argument: _podmesh_kv_v1_IncrementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_kv_v1_IncrementResponse__Output>): grpc.ClientUnaryCall;
  Increment(argument: _podmesh_kv_v1_IncrementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_IncrementResponse__Output>): grpc.ClientUnaryCall;
  Increment(argument: _podmesh_kv_v1_IncrementRequest, callback: grpc.requestCallback<_podmesh_kv_v1_IncrementResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Atomically adds delta to a key holding a decimal int64 (a missing key counts as 0) and returns the new
   * value. FAILED_PRECONDITION if the stored value is not a decimal int64; OUT_OF_RANGE on int64 overflow.
   * Not idempotent: a client must not retry it blindly after an unknown outcome (e.g. DEADLINE_EXCEEDED).
   */
  increment(argument: _podmesh_kv_v1_IncrementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_IncrementResponse__Output>): grpc.ClientUnaryCall;
  increment(argument: _podmesh_kv_v1_IncrementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_kv_v1_IncrementResponse__Output>): grpc.ClientUnaryCall;
  increment(argument: _podmesh_kv_v1_IncrementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_IncrementResponse__Output>): grpc.ClientUnaryCall;
  increment(argument: _podmesh_kv_v1_IncrementRequest, callback: grpc.requestCallback<_podmesh_kv_v1_IncrementResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists keys with a prefix, in byte order, one page at a time. INVALID_ARGUMENT for a page token that this
   * server did not hand out for the same prefix.
   */
  List(argument: _podmesh_kv_v1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _podmesh_kv_v1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_kv_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _podmesh_kv_v1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _podmesh_kv_v1_ListRequest, callback: grpc.requestCallback<_podmesh_kv_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists keys with a prefix, in byte order, one page at a time. INVALID_ARGUMENT for a page token that this
   * server did not hand out for the same prefix.
   */
  list(argument: _podmesh_kv_v1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _podmesh_kv_v1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_kv_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _podmesh_kv_v1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _podmesh_kv_v1_ListRequest, callback: grpc.requestCallback<_podmesh_kv_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates or replaces a key's value. Idempotent: repeating it leaves the same state.
   */
  Put(argument: _podmesh_kv_v1_PutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  Put(argument: _podmesh_kv_v1_PutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  Put(argument: _podmesh_kv_v1_PutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  Put(argument: _podmesh_kv_v1_PutRequest, callback: grpc.requestCallback<_podmesh_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates or replaces a key's value. Idempotent: repeating it leaves the same state.
   */
  put(argument: _podmesh_kv_v1_PutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  put(argument: _podmesh_kv_v1_PutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  put(argument: _podmesh_kv_v1_PutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  put(argument: _podmesh_kv_v1_PutRequest, callback: grpc.requestCallback<_podmesh_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * A durable key-value store. Every write is on disk (fsynced) before its reply: an OK answer is never lost,
 * even if the server is killed right after sending it. Keys are UTF-8 strings of 1–512 bytes, values are at
 * most 1 MiB; anything else is INVALID_ARGUMENT.
 */
export interface KeyValueServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Removes a key. Idempotent: deleting a missing key is OK with deleted = false.
   */
  Delete: grpc.handleUnaryCall<_podmesh_kv_v1_DeleteRequest__Output, _podmesh_kv_v1_DeleteResponse>;
  
  /**
   * Returns the value of a key. NOT_FOUND if the key does not exist.
   */
  Get: grpc.handleUnaryCall<_podmesh_kv_v1_GetRequest__Output, _podmesh_kv_v1_GetResponse>;
  
  /**
   * Atomically adds delta to a key holding a decimal int64 (a missing key counts as 0) and returns the new
   * value. FAILED_PRECONDITION if the stored value is not a decimal int64; OUT_OF_RANGE on int64 overflow.
   * Not idempotent: a client must not retry it blindly after an unknown outcome (e.g. DEADLINE_EXCEEDED).
   */
  Increment: grpc.handleUnaryCall<_podmesh_kv_v1_IncrementRequest__Output, _podmesh_kv_v1_IncrementResponse>;
  
  /**
   * Lists keys with a prefix, in byte order, one page at a time. INVALID_ARGUMENT for a page token that this
   * server did not hand out for the same prefix.
   */
  List: grpc.handleUnaryCall<_podmesh_kv_v1_ListRequest__Output, _podmesh_kv_v1_ListResponse>;
  
  /**
   * Creates or replaces a key's value. Idempotent: repeating it leaves the same state.
   */
  Put: grpc.handleUnaryCall<_podmesh_kv_v1_PutRequest__Output, _podmesh_kv_v1_PutResponse>;
  
}

export interface KeyValueServiceDefinition extends grpc.ServiceDefinition {
  Delete: MethodDefinition<_podmesh_kv_v1_DeleteRequest, _podmesh_kv_v1_DeleteResponse, _podmesh_kv_v1_DeleteRequest__Output, _podmesh_kv_v1_DeleteResponse__Output>
  Get: MethodDefinition<_podmesh_kv_v1_GetRequest, _podmesh_kv_v1_GetResponse, _podmesh_kv_v1_GetRequest__Output, _podmesh_kv_v1_GetResponse__Output>
  Increment: MethodDefinition<_podmesh_kv_v1_IncrementRequest, _podmesh_kv_v1_IncrementResponse, _podmesh_kv_v1_IncrementRequest__Output, _podmesh_kv_v1_IncrementResponse__Output>
  List: MethodDefinition<_podmesh_kv_v1_ListRequest, _podmesh_kv_v1_ListResponse, _podmesh_kv_v1_ListRequest__Output, _podmesh_kv_v1_ListResponse__Output>
  Put: MethodDefinition<_podmesh_kv_v1_PutRequest, _podmesh_kv_v1_PutResponse, _podmesh_kv_v1_PutRequest__Output, _podmesh_kv_v1_PutResponse__Output>
}
