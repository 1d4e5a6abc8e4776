// List page tokens: the last key of the previous page with an HMAC over (prefix, page size, last key), so a token
// works only for the List it was handed out by; a forged, edited or reused-elsewhere token is INVALID_ARGUMENT.
// The secret is 32 random bytes kept in the data directory: kv is a single-writer StatefulSet, so a token survives
// a restart of its pod (same volume) and no configuration is needed (docs/adr/0043-kv-page-tokens-are-signed.md).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KvError } from './kvError.ts';

const version = 1;
const macBytes = 16;
const secretFile = 'page-token.key';

/** The data directory's page-token secret, created on first use. */
export function loadPageTokenSecret(dataDir: string): Buffer {
  const path = join(dataDir, secretFile);
  try {
    writeFileSync(path, randomBytes(32), { flag: 'wx', mode: 0o600, flush: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(path);
  if (secret.length !== 32) throw new Error(`${path} is not a 32-byte page-token secret`);
  return secret;
}

export interface PageScope {
  prefix: Buffer;
  pageSize: number;
}

export function pageTokens(secret: Buffer) {
  function mac({ prefix, pageSize }: PageScope, lastKey: Buffer): Buffer {
    const sizes = Buffer.alloc(8);
    sizes.writeUInt32BE(prefix.length, 0);
    sizes.writeUInt32BE(pageSize, 4);
    return createHmac('sha256', secret)
      .update(Buffer.from([version]))
      .update(sizes)
      .update(prefix)
      .update(lastKey)
      .digest()
      .subarray(0, macBytes);
  }
  return {
    encode(scope: PageScope, lastKey: Buffer): string {
      return Buffer.concat([Buffer.from([version]), lastKey, mac(scope, lastKey)]).toString('base64url');
    },
    /** The last key of the previous page, or INVALID_ARGUMENT for a token not handed out for this scope. */
    decode(token: string, scope: PageScope): Buffer {
      const bytes = Buffer.from(token, 'base64url');
      const lastKey = bytes.subarray(1, bytes.length - macBytes);
      const valid =
        bytes.length > 1 + macBytes &&
        bytes[0] === version &&
        bytes.toString('base64url') === token &&
        timingSafeEqual(bytes.subarray(bytes.length - macBytes), mac(scope, lastKey));
      if (!valid) {
        throw new KvError(
          'INVALID_ARGUMENT',
          'page_token was not handed out by this List (same prefix and page_size) on this server',
        );
      }
      return lastKey;
    },
  };
}
