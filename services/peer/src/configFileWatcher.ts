// Watches the directory of a mounted ConfigMap. The kubelet never edits the file in place: it writes a new
// timestamped directory and atomically swaps the `..data` symlink, so we watch the directory (not the file,
// whose inode the swap replaces) and re-read on any event. A slow re-read catches anything inotify missed.
import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '@podmesh/runtime';

export interface ConfigFileWatcherOptions {
  path: string;
  log: Logger;
  /** Safety net: re-read this often even without events. */
  pollMs: number;
  onText: (text: string) => void;
}

export function watchConfigFile({ path, log, pollMs, onText }: ConfigFileWatcherOptions) {
  let watcher: FSWatcher | undefined;
  let pending: NodeJS.Timeout | undefined;
  let missingLogged = false;
  let watchFailureLogged = false;
  let closed = false;

  async function read(): Promise<void> {
    pending = undefined;
    try {
      const text = await readFile(path, 'utf8');
      missingLogged = false;
      if (!closed) onText(text);
    } catch (error) {
      if (!missingLogged) {
        missingLogged = true;
        log.warn(
          { path, error: (error as Error).message },
          'peer config file unreadable; keeping the current config',
        );
      }
    }
  }

  // Events come in bursts (..data_tmp created, renamed to ..data, the old directory removed): read once after.
  function readSoon(): void {
    pending ??= setTimeout(() => void read(), 5);
  }

  function ensureWatching(): void {
    if (watcher || closed) return;
    try {
      watcher = watch(dirname(path), { persistent: false }, readSoon);
      watchFailureLogged = false;
      watcher.on('error', (error) => {
        log.warn({ path, error: error.message }, 'config directory watch failed; retrying');
        watcher?.close();
        watcher = undefined;
      });
    } catch (error) {
      if (watchFailureLogged) return;
      watchFailureLogged = true;
      log.warn({ path, error: (error as Error).message }, 'cannot watch the config directory yet; retrying');
    }
  }

  const poll = setInterval(() => {
    ensureWatching();
    readSoon();
  }, pollMs);
  poll.unref();
  ensureWatching();
  void read();

  return {
    close(): void {
      closed = true;
      clearInterval(poll);
      clearTimeout(pending);
      watcher?.close();
    },
  };
}
