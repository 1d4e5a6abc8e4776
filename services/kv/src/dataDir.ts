// kv refuses to start on a data directory it cannot use, with one line that says why, instead of a stack
// trace and a crash loop that hides the cause.
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** The absolute data directory, created if missing, or the reason it is unusable. */
export function prepareDataDir(path: string): { path: string } | { problem: string } {
  // An empty value would resolve to the working directory: never a place for a database by accident.
  if (path.trim() === '') return { problem: 'is empty (set KV_DATA_DIR)' };
  const absolute = resolve(path);
  try {
    mkdirSync(absolute, { recursive: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code !== 'EEXIST') return { problem: `${absolute} cannot be created (${code ?? message})` };
  }
  try {
    if (!statSync(absolute).isDirectory()) return { problem: `${absolute} exists and is not a directory` };
    accessSync(absolute, constants.R_OK | constants.W_OK | constants.X_OK);
    return { path: absolute };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { problem: `${absolute} is unusable (${code ?? message})` };
  }
}
