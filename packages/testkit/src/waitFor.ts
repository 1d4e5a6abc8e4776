// Polls `probe` until `until(value)` holds or the time is up. The predicate is explicit: a value of null, 0 or
// '' is whatever the caller says it is, never success by accident. An assertion error inside the probe fails
// at once (it is a verdict, not a state to wait out); any other error (a 404 while a resource is being
// created, a refused connection) is retried, and the last one is reported if time runs out.
import { AssertionError } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

export async function waitFor<T, S extends T>(
  what: string,
  probe: () => T | Promise<T>,
  until: (value: T) => value is S,
  options?: WaitOptions,
): Promise<S>;
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  until: (value: T) => boolean,
  options?: WaitOptions,
): Promise<T>;
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  until: (value: T) => boolean,
  { timeoutMs = 60_000, intervalMs = 250 }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last: string;
    try {
      const value = await probe();
      if (until(value)) return value;
      last = `last value ${describe(value)}`;
    } catch (error) {
      if (error instanceof AssertionError) throw error;
      last = `last error: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (Date.now() >= deadline)
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what} (${last})`);
    await sleep(intervalMs);
  }
}

function describe(value: unknown): string {
  const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** For probes that answer yes or no. */
export const isTrue = (value: boolean | undefined): boolean => value === true;

/** For probes that return the thing once it is there (undefined, or a throwing read, until then); never a boolean. */
export const isPresent = <T extends object | string | number | null | undefined>(
  value: T,
): value is NonNullable<T> => value !== undefined && value !== null;
