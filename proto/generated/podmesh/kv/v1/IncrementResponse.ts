// Original file: podmesh/kv/v1/kv.proto

import type { Long } from '@grpc/proto-loader';

export interface IncrementResponse {
  /**
   * The value after this increment.
   */
  'value'?: (number | string | Long);
}

export interface IncrementResponse__Output {
  /**
   * The value after this increment.
   */
  'value': (string);
}
