import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetUserRequest as _podmesh_users_v1_GetUserRequest, GetUserRequest__Output as _podmesh_users_v1_GetUserRequest__Output } from './podmesh/users/v1/GetUserRequest.ts';
import type { GetUserResponse as _podmesh_users_v1_GetUserResponse, GetUserResponse__Output as _podmesh_users_v1_GetUserResponse__Output } from './podmesh/users/v1/GetUserResponse.ts';
import type { UsersServiceClient as _podmesh_users_v1_UsersServiceClient, UsersServiceDefinition as _podmesh_users_v1_UsersServiceDefinition } from './podmesh/users/v1/UsersService.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  podmesh: {
    users: {
      v1: {
        GetUserRequest: MessageTypeDefinition<_podmesh_users_v1_GetUserRequest, _podmesh_users_v1_GetUserRequest__Output>
        GetUserResponse: MessageTypeDefinition<_podmesh_users_v1_GetUserResponse, _podmesh_users_v1_GetUserResponse__Output>
        /**
         * Looks up users by id. Names are a pure function of the id: every replica answers the same.
         */
        UsersService: SubtypeConstructor<typeof grpc.Client, _podmesh_users_v1_UsersServiceClient> & { service: _podmesh_users_v1_UsersServiceDefinition }
      }
    }
  }
}

