// Original file: podmesh/kv/v1/kv.proto


export interface DeleteRequest {
  'key'?: (string);
}

export interface DeleteRequest__Output {
  'key': (string);
}
