// Increment's arithmetic: values are stored as decimal int64 text, so Get shows a counter as "42".
import { KvError } from './kvError.ts';

const min = -(2n ** 63n);
const max = 2n ** 63n - 1n;
const decimal = /^-?(0|[1-9][0-9]{0,18})$/;

export function parseInt64(text: string): bigint | undefined {
  if (!decimal.test(text)) return undefined;
  const value = BigInt(text);
  return value >= min && value <= max ? value : undefined;
}

/** The stored value plus delta, or the reason it cannot be added (no partial write happens). */
export function addInt64(key: string, stored: Buffer | undefined, delta: bigint): bigint | KvError {
  const current = stored === undefined ? 0n : parseInt64(stored.toString('latin1'));
  if (current === undefined) {
    const shown = stored && stored.length <= 32 ? ` (${JSON.stringify(stored.toString('utf8'))})` : '';
    return new KvError(
      'FAILED_PRECONDITION',
      `key ${JSON.stringify(key)} holds a value that is not a decimal int64${shown}; Increment needs one`,
    );
  }
  const next = current + delta;
  if (next < min || next > max) {
    return new KvError('OUT_OF_RANGE', `incrementing key ${JSON.stringify(key)} by ${delta} overflows int64`);
  }
  return next;
}
