// A typed gRPC client of the users contract, for tests and benchmarks.
import * as grpc from '@grpc/grpc-js';
import { loadProto } from '@podmesh/runtime/grpc';
import type { UsersServiceClient } from '../../../proto/generated/podmesh/users/v1/UsersService.ts';
import type { ProtoGrpcType } from '../../../proto/generated/users.ts';

export class GrpcClientForTest {
  readonly client: UsersServiceClient;

  constructor(portOrTarget: number | string, options: grpc.ChannelOptions = {}) {
    const { grpcObject } = loadProto<ProtoGrpcType>('podmesh/users/v1/users.proto');
    const target = typeof portOrTarget === 'number' ? `127.0.0.1:${portOrTarget}` : portOrTarget;
    this.client = new grpcObject.podmesh.users.v1.UsersService(
      target,
      grpc.credentials.createInsecure(),
      options,
    );
  }

  getUser(user_id: string): Promise<{ user_id: string; name: string }> {
    return new Promise((resolve, reject) =>
      this.client.GetUser({ user_id }, (error, reply) => (error ? reject(error) : resolve(reply!))),
    );
  }

  close(): void {
    this.client.close();
  }
}
