// The gRPC half of the runtime: clients, contracts and status codes. A separate entry point
// (`@podmesh/runtime/grpc`) so that a service which neither serves nor calls gRPC never loads grpc-js and
// protobufjs (docs/performance/images.md). Serving is `await service.grpc()`, which loads them on demand.
export { Metadata as GrpcMetadata, status as grpcStatus } from '@grpc/grpc-js';
export {
  clientMetrics,
  createGrpcClient,
  defaultDeadline,
  type GrpcClientOptions,
  grpcChannelOptions,
  grpcCodeName,
} from './grpcClient.ts';
export type { GrpcServer } from './grpcServer.ts';
export { loadProto } from './proto.ts';
