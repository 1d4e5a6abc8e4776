// Where log lines go: stdout, written without blocking the event loop and without a thread-pool hop per line.
// pino's asynchronous destination hands every write to libuv's thread pool; at a few thousand lines a second
// that hop (a thread wake-up and a completion callback) cost more CPU than the line itself
// (docs/adr/0004-log-lines-leave-in-batches-from-the-event-loop.md). Here lines are gathered for up to `batchMs`
// (or `batchBytes`) and leave in one write(2) from the event loop. A pipe (a container's stdout) is reopened
// non-blocking, so a log collector that stops reading can never stall requests: the backlog waits in memory,
// bounded; past the bound lines are dropped, and one line says how many once the pipe drains.
import { constants, fstatSync, openSync, writeSync } from 'node:fs';

export interface LogDestination {
  write(line: string): void;
  /** Writes what is pending now, retrying a full pipe for up to `waitMs` (used on exit). */
  flushSync(waitMs?: number): void;
}

export interface LogDestinationOptions {
  fd?: number;
  /** Bytes kept while the pipe is full; lines past this are dropped (and counted). */
  maxBacklogBytes?: number;
  /** How soon a full pipe is tried again. */
  retryMs?: number;
  /** How long a line may wait for others to share its write. */
  batchMs?: number;
  /** A batch this big leaves at once. */
  batchBytes?: number;
}

/**
 * Whether this destination can take `fd`: a pipe (reopened non-blocking), a file or a terminal. A socket
 * (journald, a parent's socketpair) cannot be reopened, and a blocking write to it could stall: not for here.
 */
export function suitsLogDestination(fd: number): boolean {
  const stat = fstatSync(fd);
  return stat.isFIFO() || stat.isFile() || stat.isCharacterDevice();
}

/** The same pipe as `fd`, opened anew with O_NONBLOCK (fd's own flags stay as they are); otherwise `fd`. */
function writableFd(fd: number): number {
  if (!fstatSync(fd).isFIFO()) return fd; // a file or a terminal: a write returns
  // Only Linux reopens a pipe through /proc with flags of its own; macOS's /dev/fd/N is a dup (local runs
  // there write to the pipe as it is, blocking like a file).
  if (process.platform !== 'linux') return fd;
  return openSync(`/proc/self/fd/${fd}`, constants.O_WRONLY | constants.O_NONBLOCK);
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export function createLogDestination({
  fd = 1,
  maxBacklogBytes = 16 * 1024 * 1024,
  retryMs = 25,
  batchMs = 10,
  batchBytes = 64 * 1024,
}: LogDestinationOptions = {}): LogDestination {
  const target = writableFd(fd);
  let lines: string[] = [];
  let linesBytes = 0;
  const encoded = Buffer.allocUnsafeSlow(3 * (batchBytes + 16 * 1024)); // a batch and the line that filled it
  let backlog: Buffer | undefined; // bytes a full pipe did not take yet
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined; // the batch window, or the retry of a full pipe
  let pipeFull = false;

  /** Writes the backlog and the gathered lines; true when everything left. */
  function writeOut(): boolean {
    if (lines.length > 0) {
      const text = lines.length === 1 ? (lines[0] as string) : lines.join('');
      // A usual batch is encoded into a buffer kept for it, big enough for any UTF-8 of it: no length pass, no
      // allocation. A backlog's worth gets a buffer of its own, so none that size stays behind.
      const bytes =
        text.length * 3 <= encoded.length ? encoded.subarray(0, encoded.write(text)) : Buffer.from(text);
      backlog = backlog ? Buffer.concat([backlog, bytes]) : bytes;
      lines = [];
      linesBytes = 0;
    }
    while (backlog) {
      let written: number;
      try {
        written = writeSync(target, backlog);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
          backlog = undefined; // EPIPE and the like: nobody reads stdout any more
          return true;
        }
        // Kept for the next try: a copy, as the encoding buffer takes the next batch.
        if (backlog.buffer === encoded.buffer) backlog = Buffer.from(backlog);
        return false;
      }
      backlog = written < backlog.length ? backlog.subarray(written) : undefined;
      if (!backlog && dropped > 0) {
        const message = `${dropped} log lines dropped: stdout was not read while ${maxBacklogBytes} bytes waited`;
        dropped = 0;
        backlog = Buffer.from(`${JSON.stringify({ severity: 'WARNING', message })}\n`);
      }
    }
    return true;
  }

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    pipeFull = !writeOut();
    if (pipeFull) timer = setTimeout(flush, retryMs).unref();
  }

  return {
    write(line) {
      if ((backlog?.length ?? 0) + linesBytes + line.length > maxBacklogBytes) {
        dropped++;
        return;
      }
      lines.push(line);
      linesBytes += line.length;
      if (linesBytes >= batchBytes && !pipeFull) flush();
      else timer ??= setTimeout(flush, batchMs).unref();
    },
    flushSync(waitMs = 1000) {
      const deadline = Date.now() + waitMs;
      while (!writeOut() && Date.now() < deadline) sleepSync(5);
    },
  };
}
