// Original file: podmesh/kv/v1/kv.proto


export interface DeleteResponse {
  /**
   * Whether the key existed.
   */
  'deleted'?: (boolean);
}

export interface DeleteResponse__Output {
  /**
   * Whether the key existed.
   */
  'deleted': (boolean);
}
