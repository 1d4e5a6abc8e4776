// List page tokens: the last key of the previous page, base64url. Opaque to clients; a token is only valid
// for the prefix it was handed out with.
import { KvError } from './kvError.ts';

export function encodePageToken(lastKey: Buffer): string {
  return lastKey.toString('base64url');
}

export function decodePageToken(token: string, prefix: Buffer): Buffer {
  const key = Buffer.from(token, 'base64url');
  if (
    key.length === 0 ||
    key.toString('base64url') !== token ||
    !key.subarray(0, prefix.length).equals(prefix)
  ) {
    throw new KvError('INVALID_ARGUMENT', 'page_token is not one this List handed out for this prefix');
  }
  return key;
}
