// The third-party gRPC clients these tests drive, built from their Go modules with `go install` and cached by
// version under ~/.cache/podmesh, by the same builder as the delivery tools (test/delivery/goTool.ts).
import type { GoTool } from '../delivery/goTool.ts';

export const grpcurl: GoTool = {
  name: 'grpcurl',
  goPackage: 'github.com/fullstorydev/grpcurl/cmd/grpcurl',
  version: 'v1.9.3',
};
export const grpcHealthProbe: GoTool = {
  name: 'grpc-health-probe',
  goPackage: 'github.com/grpc-ecosystem/grpc-health-probe',
  version: 'v0.4.63',
};
