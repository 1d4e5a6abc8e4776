// JSON logs in the shape Google Cloud Logging parses: upper-case `severity`, `message`, `serviceContext`.

import type { Logger } from 'pino';
import { pino } from 'pino';
import { createLogDestination, suitsLogDestination } from './logDestination.ts';
import { isoTimestamp } from './timestamp.ts';

export type { Logger };

const severityByLevel: Record<string, string> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

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
  return pino(options, destination ?? stdout());
}

// stdout, one write per event-loop turn, never blocking (logDestination.ts); one per process, however many
// loggers. What is pending when the process exits (a graceful stop, a fatal error's last line) still goes out.
// stdout as a socket (journald, a parent process's socketpair) keeps pino's asynchronous writes.
let stdoutDestination: pino.DestinationStream | undefined;
function stdout(): pino.DestinationStream {
  if (!stdoutDestination) {
    if (suitsLogDestination(1)) {
      const destination = createLogDestination();
      process.on('exit', () => destination.flushSync());
      stdoutDestination = destination;
    } else {
      stdoutDestination = pino.destination({ dest: 1, sync: false, minLength: 0 });
    }
  }
  return stdoutDestination;
}
