// The gRPC half of the runtime: the server, clients, contracts and status codes. A separate entry point
// (`@podmesh/runtime/grpc`) so that a service which neither serves nor calls gRPC never loads grpc-js and
// protobufjs (docs/performance/images.md). A service that serves gRPC passes `grpcServer` to createService.
export { Metadata as GrpcMetadata, status as grpcStatus } from '@grpc/grpc-js';
export {
  clientMetrics,
  createGrpcClient,
  defaultDeadline,
  type GrpcClientOptions,
  grpcChannelOptions,
  grpcCodeName,
} from './grpcClient.ts';
export { createGrpcServer as grpcServer, type GrpcServer } from './grpcServer.ts';
export { loadProto } from './proto.ts';
