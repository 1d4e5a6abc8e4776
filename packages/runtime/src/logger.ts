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
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ severity: severityByLevel[label] ?? 'DEFAULT' }) },
  };
  return destination ? pino(options, destination) : pino(options);
}
