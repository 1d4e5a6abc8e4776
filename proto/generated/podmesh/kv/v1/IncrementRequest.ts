// Original file: podmesh/kv/v1/kv.proto

import type { Long } from '@grpc/proto-loader';

export interface IncrementRequest {
  'key'?: (string);
  /**
   * May be negative or 0 (0 reads the current value).
   */
  'delta'?: (number | string | Long);
}

export interface IncrementRequest__Output {
  'key': (string);
  /**
   * May be negative or 0 (0 reads the current value).
   */
  'delta': (string);
}
