// Original file: podmesh/users/v1/users.proto


export interface GetUserResponse {
  'user_id'?: (string);
  /**
   * "First Last".
   */
  'name'?: (string);
}

export interface GetUserResponse__Output {
  'user_id': (string);
  /**
   * "First Last".
   */
  'name': (string);
}
