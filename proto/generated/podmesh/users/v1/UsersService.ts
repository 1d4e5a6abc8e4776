// Original file: podmesh/users/v1/users.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetUserRequest as _podmesh_users_v1_GetUserRequest, GetUserRequest__Output as _podmesh_users_v1_GetUserRequest__Output } from '../../../podmesh/users/v1/GetUserRequest.ts';
import type { GetUserResponse as _podmesh_users_v1_GetUserResponse, GetUserResponse__Output as _podmesh_users_v1_GetUserResponse__Output } from '../../../podmesh/users/v1/GetUserResponse.ts';

/**
 * Looks up users by id. Names are a pure function of the id: every replica answers the same.
 */
export interface UsersServiceClient extends grpc.Client {
  /**
   * Returns the user's display name. INVALID_ARGUMENT unless user_id is 1–18 decimal digits.
   */
  GetUser(argument: _podmesh_users_v1_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_users_v1_GetUserResponse__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _podmesh_users_v1_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_users_v1_GetUserResponse__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _podmesh_users_v1_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_users_v1_GetUserResponse__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _podmesh_users_v1_GetUserRequest, callback: grpc.requestCallback<_podmesh_users_v1_GetUserResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns the user's display name. INVALID_ARGUMENT unless user_id is 1–18 decimal digits.
   */
  getUser(argument: _podmesh_users_v1_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_users_v1_GetUserResponse__Output>): grpc.ClientUnaryCall;
  getUser(argument: _podmesh_users_v1_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_podmesh_users_v1_GetUserResponse__Output>): grpc.ClientUnaryCall;
  getUser(argument: _podmesh_users_v1_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_podmesh_users_v1_GetUserResponse__Output>): grpc.ClientUnaryCall;
  getUser(argument: _podmesh_users_v1_GetUserRequest, callback: grpc.requestCallback<_podmesh_users_v1_GetUserResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Looks up users by id. Names are a pure function of the id: every replica answers the same.
 */
export interface UsersServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Returns the user's display name. INVALID_ARGUMENT unless user_id is 1–18 decimal digits.
   */
  GetUser: grpc.handleUnaryCall<_podmesh_users_v1_GetUserRequest__Output, _podmesh_users_v1_GetUserResponse>;
  
}

export interface UsersServiceDefinition extends grpc.ServiceDefinition {
  GetUser: MethodDefinition<_podmesh_users_v1_GetUserRequest, _podmesh_users_v1_GetUserResponse, _podmesh_users_v1_GetUserRequest__Output, _podmesh_users_v1_GetUserResponse__Output>
}
