// JSON logs in the shape Google Cloud Logging parses: upper-case `severity`, `message`, `serviceContext`.

import type { Logger } from 'pino';
import { pino } from 'pino';

export type { Logger };

const severityByLevel: Record<string, string> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

// Formatting a Date costs more than the rest of a log line's fields; a busy service logs many lines per
// millisecond, so they share one formatted timestamp.
let lastMillis = -1;
let lastTimestamp = '';
function isoTimestamp(): string {
  const now = Date.now();
  if (now !== lastMillis) {
    lastMillis = now;
    lastTimestamp = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTimestamp;
}

export interface LoggerOptions {
  service: string;
  version: string;
  level: string;
  destination?: pino.DestinationStream;
}

export function createLogger({ service, version, level, destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    messageKey: 'message',
    errorKey: 'error',
    base: { serviceContext: { service, version } },
    timestamp: isoTimestamp,
    formatters: { level: (label) => ({ severity: severityByLevel[label] ?? 'DEFAULT' }) },
  };
  // Asynchronous writes: lines that pile up while one write is in flight go out together, so a busy service
  // makes one syscall per batch instead of one per request. Nothing waits on a timer (minLength 0), and pino
  // flushes synchronously on exit, so a graceful stop or a fatal error loses nothing; only a SIGKILL can drop
  // the lines of the one write then in flight.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false, minLength: 0 }));
}
