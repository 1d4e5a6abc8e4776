// Original file: podmesh/kv/v1/kv.proto


export interface PutRequest {
  'key'?: (string);
  /**
   * At most 1 MiB (1,048,576 bytes).
   */
  'value'?: (Buffer | Uint8Array | string);
}

export interface PutRequest__Output {
  'key': (string);
  /**
   * At most 1 MiB (1,048,576 bytes).
   */
  'value': (Buffer);
}
