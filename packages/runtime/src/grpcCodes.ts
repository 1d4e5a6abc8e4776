// Label values of the gRPC metrics, spelled as go-grpc-prometheus and grpc-ecosystem/go-grpc-middleware spell
// them, so community dashboards and our alerts match: `grpc_code` is Go's codes.Code.String() (`OK`,
// `InvalidArgument`, `Unavailable`, note `Canceled`), `grpc_type` one of unary, client_stream, server_stream,
// bidi_stream. grpc-js names the same codes `INVALID_ARGUMENT`, `CANCELLED`: those stay in errors and logs.
import { status } from '@grpc/grpc-js';

const codeLabels: Record<status, string> = {
  [status.OK]: 'OK',
  [status.CANCELLED]: 'Canceled',
  [status.UNKNOWN]: 'Unknown',
  [status.INVALID_ARGUMENT]: 'InvalidArgument',
  [status.DEADLINE_EXCEEDED]: 'DeadlineExceeded',
  [status.NOT_FOUND]: 'NotFound',
  [status.ALREADY_EXISTS]: 'AlreadyExists',
  [status.PERMISSION_DENIED]: 'PermissionDenied',
  [status.RESOURCE_EXHAUSTED]: 'ResourceExhausted',
  [status.FAILED_PRECONDITION]: 'FailedPrecondition',
  [status.ABORTED]: 'Aborted',
  [status.OUT_OF_RANGE]: 'OutOfRange',
  [status.UNIMPLEMENTED]: 'Unimplemented',
  [status.INTERNAL]: 'Internal',
  [status.UNAVAILABLE]: 'Unavailable',
  [status.DATA_LOSS]: 'DataLoss',
  [status.UNAUTHENTICATED]: 'Unauthenticated',
};

/** `grpc_code` of a status: Go's codes.Code.String(), which prints an unknown number as `Code(<n>)`. */
export function grpcCodeLabel(code: number): string {
  return codeLabels[code as status] ?? `Code(${code})`;
}

/** `grpc_type` of a method from its streaming flags. */
export function grpcTypeLabel(method: { requestStream: boolean; responseStream: boolean }): string {
  if (method.requestStream) return method.responseStream ? 'bidi_stream' : 'client_stream';
  return method.responseStream ? 'server_stream' : 'unary';
}
