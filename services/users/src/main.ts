// users: GET /users/{user_id} over HTTP and podmesh.users.v1.UsersService/GetUser over gRPC.
import { createService, HttpError } from '@podmesh/runtime';
import { grpcServer, grpcStatus, loadProto } from '@podmesh/runtime/grpc';
import type { UsersServiceHandlers } from '../../../proto/generated/podmesh/users/v1/UsersService.ts';
import type { ProtoGrpcType } from '../../../proto/generated/users.ts';
import { isUserId, type User, userIdRule } from './contract.ts';
import { nameOf } from './names.ts';

const service = createService({ name: 'users', grpc: grpcServer });

function getUser(userId: unknown): User {
  if (!isUserId(userId)) throw new HttpError(400, userIdRule);
  return { user_id: userId, name: nameOf(userId) };
}

service.http.get<{ Params: { user_id: string } }>('/users/:user_id', async (request) =>
  getUser(request.params.user_id),
);

const proto = loadProto<ProtoGrpcType>('podmesh/users/v1/users.proto');
const handlers: UsersServiceHandlers = {
  GetUser: (call, callback) => {
    const { user_id } = call.request;
    if (!isUserId(user_id)) {
      callback({ code: grpcStatus.INVALID_ARGUMENT, details: userIdRule });
      return;
    }
    callback(null, getUser(user_id));
  },
};
const grpc = service.grpc();
grpc.addService(proto.grpcObject.podmesh.users.v1.UsersService.service, handlers);
grpc.enableReflection(proto.definition);

await service.start();
