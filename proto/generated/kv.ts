import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { DeleteRequest as _podmesh_kv_v1_DeleteRequest, DeleteRequest__Output as _podmesh_kv_v1_DeleteRequest__Output } from './podmesh/kv/v1/DeleteRequest.ts';
import type { DeleteResponse as _podmesh_kv_v1_DeleteResponse, DeleteResponse__Output as _podmesh_kv_v1_DeleteResponse__Output } from './podmesh/kv/v1/DeleteResponse.ts';
import type { Entry as _podmesh_kv_v1_Entry, Entry__Output as _podmesh_kv_v1_Entry__Output } from './podmesh/kv/v1/Entry.ts';
import type { GetRequest as _podmesh_kv_v1_GetRequest, GetRequest__Output as _podmesh_kv_v1_GetRequest__Output } from './podmesh/kv/v1/GetRequest.ts';
import type { GetResponse as _podmesh_kv_v1_GetResponse, GetResponse__Output as _podmesh_kv_v1_GetResponse__Output } from './podmesh/kv/v1/GetResponse.ts';
import type { IncrementRequest as _podmesh_kv_v1_IncrementRequest, IncrementRequest__Output as _podmesh_kv_v1_IncrementRequest__Output } from './podmesh/kv/v1/IncrementRequest.ts';
import type { IncrementResponse as _podmesh_kv_v1_IncrementResponse, IncrementResponse__Output as _podmesh_kv_v1_IncrementResponse__Output } from './podmesh/kv/v1/IncrementResponse.ts';
import type { KeyValueServiceClient as _podmesh_kv_v1_KeyValueServiceClient, KeyValueServiceDefinition as _podmesh_kv_v1_KeyValueServiceDefinition } from './podmesh/kv/v1/KeyValueService.ts';
import type { ListRequest as _podmesh_kv_v1_ListRequest, ListRequest__Output as _podmesh_kv_v1_ListRequest__Output } from './podmesh/kv/v1/ListRequest.ts';
import type { ListResponse as _podmesh_kv_v1_ListResponse, ListResponse__Output as _podmesh_kv_v1_ListResponse__Output } from './podmesh/kv/v1/ListResponse.ts';
import type { PutRequest as _podmesh_kv_v1_PutRequest, PutRequest__Output as _podmesh_kv_v1_PutRequest__Output } from './podmesh/kv/v1/PutRequest.ts';
import type { PutResponse as _podmesh_kv_v1_PutResponse, PutResponse__Output as _podmesh_kv_v1_PutResponse__Output } from './podmesh/kv/v1/PutResponse.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  podmesh: {
    kv: {
      v1: {
        DeleteRequest: MessageTypeDefinition<_podmesh_kv_v1_DeleteRequest, _podmesh_kv_v1_DeleteRequest__Output>
        DeleteResponse: MessageTypeDefinition<_podmesh_kv_v1_DeleteResponse, _podmesh_kv_v1_DeleteResponse__Output>
        Entry: MessageTypeDefinition<_podmesh_kv_v1_Entry, _podmesh_kv_v1_Entry__Output>
        GetRequest: MessageTypeDefinition<_podmesh_kv_v1_GetRequest, _podmesh_kv_v1_GetRequest__Output>
        GetResponse: MessageTypeDefinition<_podmesh_kv_v1_GetResponse, _podmesh_kv_v1_GetResponse__Output>
        IncrementRequest: MessageTypeDefinition<_podmesh_kv_v1_IncrementRequest, _podmesh_kv_v1_IncrementRequest__Output>
        IncrementResponse: MessageTypeDefinition<_podmesh_kv_v1_IncrementResponse, _podmesh_kv_v1_IncrementResponse__Output>
        /**
         * A durable key-value store. Every write is on disk (fsynced) before its reply: an OK answer is never lost,
         * even if the server is killed right after sending it. Keys are UTF-8 strings of 1–512 bytes, values are at
         * most 1 MiB; anything else is INVALID_ARGUMENT.
         */
        KeyValueService: SubtypeConstructor<typeof grpc.Client, _podmesh_kv_v1_KeyValueServiceClient> & { service: _podmesh_kv_v1_KeyValueServiceDefinition }
        ListRequest: MessageTypeDefinition<_podmesh_kv_v1_ListRequest, _podmesh_kv_v1_ListRequest__Output>
        ListResponse: MessageTypeDefinition<_podmesh_kv_v1_ListResponse, _podmesh_kv_v1_ListResponse__Output>
        PutRequest: MessageTypeDefinition<_podmesh_kv_v1_PutRequest, _podmesh_kv_v1_PutRequest__Output>
        PutResponse: MessageTypeDefinition<_podmesh_kv_v1_PutResponse, _podmesh_kv_v1_PutResponse__Output>
      }
    }
  }
}

