// The one log line a request writes (HTTP or gRPC), in Cloud Logging's shape: `httpRequest`, the trace link,
// a message. Written as text rather than as an object through pino's generic path (walk the keys, stringify each
// value, concatenate): it is the line every request writes, and the generic path cost twice as much (1.5–1.9 µs
// against 0.7–0.9 µs a line, docs/performance.md). It starts with pino's own cached prefix for the level
// (severity, time, serviceContext), so it reads exactly like every other line of the service.
import { pino } from 'pino';
import type { Logger } from './logger.ts';
import { parseTraceHeaders } from './trace.ts';

export interface RequestLine {
  method: string;
  url: string;
  status: number;
  seconds: number;
  userAgent: string;
  remoteIp: string | undefined;
  responseSize?: number;
  protocol: string;
  /** Fields after `httpRequest`, already JSON and each led by a comma: `,"route":"/users/:user_id"`. */
  fields: string;
  traceparent: string | undefined;
  cloudTrace: string | undefined;
  message: string;
}

// pino exports these for integrations: the per-level line prefix, the bindings, the time function, the stream.
const { lsCacheSym, chindingsSym, timeSym, streamSym } = pino.symbols;
export const jsonText = (value: string) => JSON.stringify(value);

/** Writes the line at `level` (the caller checked `log.isLevelEnabled(level)`). */
export function writeRequestLine(log: Logger, level: string, project: string, request: RequestLine): void {
  const { remoteIp, responseSize } = request;
  let line =
    `,"httpRequest":{"requestMethod":${jsonText(request.method)},"requestUrl":${jsonText(request.url)}` +
    `,"status":${request.status},"latency":"${request.seconds.toFixed(6)}s"` +
    `,"userAgent":${jsonText(request.userAgent)}` +
    (remoteIp === undefined ? '' : `,"remoteIp":${jsonText(remoteIp)}`) +
    (Number.isFinite(responseSize) ? `,"responseSize":"${responseSize}"` : '') +
    `,"protocol":${jsonText(request.protocol)}}${request.fields}`;
  const trace = parseTraceHeaders(request.traceparent, request.cloudTrace);
  if (trace) {
    const name = project ? `projects/${project}/traces/${trace.traceId}` : trace.traceId;
    line += `,"logging.googleapis.com/trace":${jsonText(name)}`;
    if (trace.spanId) line += `,"logging.googleapis.com/spanId":"${trace.spanId}"`;
    line += `,"logging.googleapis.com/trace_sampled":${trace.sampled}`;
  }
  const pinoState = log as unknown as Record<symbol, unknown>;
  const prefixes = pinoState[lsCacheSym] as Record<number, string>;
  const time = pinoState[timeSym] as () => string;
  const prefix = `${prefixes[log.levels.values[level] as number]}${time()}${pinoState[chindingsSym] as string}`;
  const stream = pinoState[streamSym] as { write(line: string): void };
  stream.write(`${prefix}${line},"message":${jsonText(request.message)}}\n`);
}
