// The contract's size rules, checked before anything touches the store.
import { KvError } from './kvError.ts';

export const maxKeyBytes = 512;
export const maxValueBytes = 1024 * 1024;

/** The key as the bytes LMDB stores (UTF-8), or INVALID_ARGUMENT. */
export function keyBytes(key: string): Buffer {
  const bytes = Buffer.from(key, 'utf8');
  if (bytes.length === 0) throw new KvError('INVALID_ARGUMENT', 'key must not be empty');
  if (bytes.length > maxKeyBytes) {
    throw new KvError('INVALID_ARGUMENT', `key is ${bytes.length} bytes; the limit is ${maxKeyBytes}`);
  }
  return bytes;
}

export function checkValue(value: Buffer): Buffer {
  if (value.length > maxValueBytes) {
    throw new KvError(
      'INVALID_ARGUMENT',
      `value is ${value.length} bytes; the limit is ${maxValueBytes} (1 MiB)`,
    );
  }
  return value;
}
