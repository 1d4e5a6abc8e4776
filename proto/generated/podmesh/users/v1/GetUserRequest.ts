// Original file: podmesh/users/v1/users.proto


export interface GetUserRequest {
  /**
   * 1–18 decimal digits, e.g. "1234".
   */
  'user_id'?: (string);
}

export interface GetUserRequest__Output {
  /**
   * 1–18 decimal digits, e.g. "1234".
   */
  'user_id': (string);
}
