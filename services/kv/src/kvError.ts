// A failure the client caused or can act on, carried to the gRPC status with a readable message.
import type { status } from '@grpc/grpc-js';

export type KvErrorCode = keyof typeof status;

export class KvError extends Error {
  readonly code: KvErrorCode;

  constructor(code: KvErrorCode, message: string) {
    super(message);
    this.name = 'KvError';
    this.code = code;
  }
}
