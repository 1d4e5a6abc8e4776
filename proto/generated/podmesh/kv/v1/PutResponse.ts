// Original file: podmesh/kv/v1/kv.proto


export interface PutResponse {
}

export interface PutResponse__Output {
}
