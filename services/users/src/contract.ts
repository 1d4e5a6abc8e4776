// The users contract as callers see it (mirrors proto/podmesh/users/v1/users.proto).
export const userIdPattern = /^[0-9]{1,18}$/;
export const userIdRule = 'user_id must be 1–18 decimal digits';

export interface User {
  user_id: string;
  name: string;
}

export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && userIdPattern.test(value);
}
