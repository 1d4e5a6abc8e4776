// The one log line a request writes (HTTP or gRPC), in Cloud Logging's shape: `httpRequest`, the trace link,
// a message. Written as text rather than as an object through pino's generic path (walk the keys, stringify each
// value, concatenate): it is the line every request writes, and the generic path cost twice as much (1.5–1.9 µs
// against 0.7–0.9 µs a line, docs/performance.md). It starts with pino's own cached prefix for the level
// (severity, time, serviceContext), so it reads exactly like every other line of the service.
import { pino } from 'pino';
import type { Logger } from './logger.ts';
import type { Span } from './trace.ts';

export interface RequestLine {
  /** A method token (Node's HTTP parser accepts nothing else; gRPC's is POST): written as it is. */
  method: string;
  url: string;
  status: number;
  seconds: number;
  userAgent: string;
  remoteIp: string | undefined;
  responseSize?: number;
  /** `HTTP/<version>` as the server saw it: written as it is. */
  protocol: string;
  /** Fields after `httpRequest`, already JSON and each led by a comma: `,"route":"/users/:user_id"`. */
  fields: string;
  /** The span this request is, if it is part of a trace (trace.ts). */
  span: Span | undefined;
  /** Default: `<method> <url> <status>`. */
  message?: string;
}

// pino exports these for integrations: the per-level line prefix, the bindings, the time function, the stream.
const { lsCacheSym, chindingsSym, timeSym, streamSym } = pino.symbols;

/**
 * What JSON writes between the quotes of a string. Most values here (a URL, a user agent, an address) are short
 * printable ASCII without `"` or `\`, written as they are: checking that in JavaScript skips a call into C++
 * (about 600 instructions a value, counted with callgrind). Anything else goes to JSON.stringify.
 */
export function jsonInner(value: string): string {
  if (value.length <= 128) {
    let i = 0;
    for (; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) break;
    }
    if (i === value.length) return value;
  }
  return JSON.stringify(value).slice(1, -1);
}

/** Seconds as Cloud Logging's Duration to the microsecond, as `${seconds.toFixed(6)}s` writes it, in integers. */
export function duration(seconds: number): string {
  if (!(seconds >= 0 && seconds < 2 ** 31)) return `${seconds.toFixed(6)}s`;
  const micros = Math.round(seconds * 1e6);
  const fraction = micros % 1e6;
  return `${(micros - fraction) / 1e6}.${String(fraction + 1e6).slice(1)}s`;
}

/** `JSON.stringify(value)` for a string. */
export const jsonText = (value: string) => `"${jsonInner(value)}"`;

/** Writes one request line at `level`; the caller checked `log.isLevelEnabled(level)`. */
export type RequestLineWriter = (level: string, request: RequestLine) => void;

/**
 * The request-line writer for `log`'s lines. pino's per-level prefixes, clock and stream do not change after the
 * logger is made, so they are looked up here once rather than on every line; the bindings can (`setBindings`).
 * Each piece of a line costs a string now and a copy when the batch is flattened (callgrind: ~100 instructions a
 * piece), so what repeats is made once: a line's start (prefix, time, bindings, method) is the same for every line
 * of a millisecond, its end (protocol, the caller's fields) for every request of a route.
 */
export function requestLineWriter(log: Logger, project: string): RequestLineWriter {
  const pinoState = log as unknown as Record<symbol, unknown>;
  const prefixes = pinoState[lsCacheSym] as Record<number, string>;
  const prefixByLevel = new Map(
    Object.entries(log.levels.values).map(([name, value]) => [name, prefixes[value]]),
  );
  const time = pinoState[timeSym] as () => string;
  const stream = pinoState[streamSym] as { write(line: string): void };
  let start = '';
  let startTime = '';
  let startLevel = '';
  let startMethod = '';
  let startBindings = '';
  let end = '';
  let endProtocol = '';
  let endFields = '';
  return (level, request) => {
    const { method, status, remoteIp, responseSize, protocol, fields } = request;
    const now = time();
    const bindings = pinoState[chindingsSym] as string;
    if (now !== startTime || level !== startLevel || method !== startMethod || bindings !== startBindings) {
      [startTime, startLevel, startMethod, startBindings] = [now, level, method, bindings];
      start = `${prefixByLevel.get(level)}${now}${bindings},"httpRequest":{"requestMethod":"${method}","requestUrl":"`;
    }
    if (protocol !== endProtocol || fields !== endFields) {
      [endProtocol, endFields] = [protocol, fields];
      end = `","protocol":"${protocol}"}${fields}`;
    }
    const url = jsonInner(request.url);
    const { span } = request;
    let traceFields = '';
    if (span) {
      const name = project ? `projects/${project}/traces/${span.traceId}` : span.traceId;
      traceFields =
        `,"logging.googleapis.com/trace":"${jsonInner(name)}"` +
        `,"logging.googleapis.com/spanId":"${span.spanId}"` +
        `,"logging.googleapis.com/trace_sampled":${span.sampled}` +
        (span.parentSpanId ? `,"parentSpanId":"${span.parentSpanId}"` : '');
    }
    const message = request.message === undefined ? `${method} ${url} ${status}` : jsonInner(request.message);
    // Each piece after a string value opens with that value's closing quote (`","userAgent":"`), so the optional
    // ones can be left out whole.
    stream.write(
      `${start}${url}","status":${status},"latency":"${duration(request.seconds)}"` +
        `,"userAgent":"${jsonInner(request.userAgent)}` +
        `${remoteIp === undefined ? '' : `","remoteIp":"${jsonInner(remoteIp)}`}` +
        `${Number.isFinite(responseSize) ? `","responseSize":"${responseSize}` : ''}` +
        `${end}${traceFields},"message":"${message}"}\n`,
    );
  };
}
