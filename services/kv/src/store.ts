// The LMDB store behind kv. Writes are batched by lmdb-js (every write queued in one event turn shares one
// commit) and a write's promise resolves only after its commit is fsynced: `overlappingSync: false` makes the
// commit itself sync, instead of resolving on commit and flushing later. So a reply sent after `await` is durable.
import { open, type RootDatabase } from 'lmdb';
import { addInt64 } from './int64.ts';
import { KvError } from './kvError.ts';
import { checkValue, keyBytes } from './limits.ts';
import { loadPageTokenSecret, pageTokens } from './pageToken.ts';

export interface Entry {
  key: string;
  value: Buffer;
}

export interface ListOptions {
  prefix: string;
  pageSize: number;
  pageToken: string;
  keysOnly: boolean;
}

/** A page stops early once its values reach this, so it fits the default 4 MiB gRPC message limit. */
const pageBytesBudget = 3 * 1024 * 1024;
export const defaultPageSize = 100;
export const maxPageSize = 1000;

export function openStore(path: string) {
  const db: RootDatabase<Buffer, Buffer> = open<Buffer, Buffer>({
    path,
    keyEncoding: 'binary',
    encoding: 'binary',
    overlappingSync: false,
    // Always a directory: lmdb-js would otherwise take a path with a dot in its last part (`kv.d`) for a file.
    noSubdir: false,
  });
  const tokens = pageTokens(loadPageTokenSecret(path));

  function get(key: string): Buffer {
    const value = db.get(keyBytes(key));
    if (value === undefined) throw new KvError('NOT_FOUND', `key ${JSON.stringify(key)} does not exist`);
    return value;
  }

  async function put(key: string, value: Buffer): Promise<void> {
    await db.put(keyBytes(key), checkValue(value));
  }

  /** Resolves with whether the key existed, once the removal is durable. */
  function remove(key: string): Promise<boolean> {
    const bytes = keyBytes(key);
    return db.transaction(() => {
      if (!db.doesExist(bytes)) return false;
      void db.remove(bytes); // runs inside this transaction
      return true;
    });
  }

  /** Read-modify-write inside the batched write transaction: atomic, and ordered with every other write. */
  async function increment(key: string, delta: bigint): Promise<bigint> {
    const bytes = keyBytes(key);
    const outcome = await db.transaction(() => {
      const next = addInt64(key, db.get(bytes), delta);
      // A refused increment writes nothing; throwing here would abort the whole shared batch.
      if (next instanceof KvError) return next;
      void db.put(bytes, Buffer.from(next.toString(), 'latin1'));
      return next;
    });
    if (outcome instanceof KvError) throw outcome;
    return outcome;
  }

  function list({ prefix, pageSize, pageToken, keysOnly }: ListOptions): { entries: Entry[]; next: string } {
    const limit = pageSize === 0 ? defaultPageSize : pageSize;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) {
      throw new KvError('INVALID_ARGUMENT', `page_size must be 0–${maxPageSize}`);
    }
    const prefixBytes = Buffer.from(prefix, 'utf8');
    const scope = { prefix: prefixBytes, pageSize: limit };
    const after = pageToken === '' ? undefined : tokens.decode(pageToken, scope);
    const entries: Entry[] = [];
    let bytes = 0;
    let last: Buffer | undefined;
    for (const { key, value } of db.getRange({ start: after ?? prefixBytes })) {
      if (!key.subarray(0, prefixBytes.length).equals(prefixBytes)) break;
      if (after && key.equals(after)) continue;
      if (entries.length === limit || (entries.length > 0 && bytes >= pageBytesBudget)) {
        return { entries, next: tokens.encode(scope, last as Buffer) };
      }
      entries.push({ key: key.toString('utf8'), value: keysOnly ? Buffer.alloc(0) : value });
      bytes += key.length + (keysOnly ? 0 : value.length);
      last = key;
    }
    return { entries, next: '' };
  }

  return { get, put, remove, increment, list, close: () => db.close(), db };
}

export type Store = ReturnType<typeof openStore>;
