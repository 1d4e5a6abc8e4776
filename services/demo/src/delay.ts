// `?delay=<ms>` on /demo/hello: whole milliseconds, bounded so a caller cannot park requests for ever.
import { HttpError } from '@podmesh/runtime';

/** Milliseconds to wait; an absent or empty value means none, as in the original app. */
export function parseDelay(value: unknown, maxMs: number): number {
  if (value === undefined || value === '') return 0;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) {
    throw new HttpError(400, `delay must be a whole number of milliseconds from 0 to ${maxMs}`);
  }
  const ms = Number(value);
  if (ms > maxMs) throw new HttpError(400, `delay must be at most ${maxMs} ms, got ${ms}`);
  return ms;
}
