// Trace context, W3C `traceparent` first, then Google's `x-cloud-trace-context`. Each service is one hop: it takes
// the caller's trace id and span id (the parent), makes a span id of its own, logs that one and passes it on, so
// Cloud Logging shows caller → callee as parent → child (docs/tracing.md).
import { randomBytes } from 'node:crypto';

const traceparentPattern = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(?:-.*)?$/;
const cloudTracePattern = /^([\da-f]{32})(?:\/(\d+))?(?:;o=([01]))?$/;
const zeroTrace = '0'.repeat(32);
const zeroSpan = '0'.repeat(16);

/** What a caller sent: its trace id and, when known, its span id. */
export interface TraceContext {
  traceId: string;
  spanId?: string;
  sampled: boolean;
}

/** This hop: the caller's trace, a span id of its own, the caller's span as parent. */
export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  sampled: boolean;
}

/** The caller's context, or undefined for none or an invalid one (W3C: all-zero ids and version ff are invalid). */
export function parseTraceHeaders(traceparent?: string, cloudTrace?: string): TraceContext | undefined {
  const w3c = traceparent ? traceparentPattern.exec(traceparent.trim().toLowerCase()) : null;
  if (w3c?.[2] && w3c[3] && w3c[1] !== 'ff' && w3c[2] !== zeroTrace && w3c[3] !== zeroSpan) {
    // A future version may add fields after the flags (`-.*`); version 00 has none.
    if (w3c[1] !== '00' || traceparent?.trim().length === 55) {
      return { traceId: w3c[2], spanId: w3c[3], sampled: (Number.parseInt(w3c[4] ?? '0', 16) & 1) === 1 };
    }
  }
  const google = cloudTrace ? cloudTracePattern.exec(cloudTrace.trim().toLowerCase()) : null;
  if (google?.[1] && google[1] !== zeroTrace) {
    // Cloud Trace sends the span id in decimal; the logging field wants 16 hex digits. 0 means no span.
    const decimal = google[2] ? BigInt(google[2]) : 0n;
    const spanId = decimal > 0n && decimal < 2n ** 64n ? decimal.toString(16).padStart(16, '0') : undefined;
    return { traceId: google[1], ...(spanId ? { spanId } : {}), sampled: google[3] === '1' };
  }
  return undefined;
}

export function newSpanId(): string {
  for (;;) {
    const id = randomBytes(8).toString('hex');
    if (id !== zeroSpan) return id;
  }
}

/** This hop's span: a child of the caller's context, or the root of a new (unsampled) trace without one. */
export function childSpan(caller: TraceContext | undefined): Span {
  if (!caller) return { traceId: randomBytes(16).toString('hex'), spanId: newSpanId(), sampled: false };
  const span: Span = { traceId: caller.traceId, spanId: newSpanId(), sampled: caller.sampled };
  if (caller.spanId) span.parentSpanId = caller.spanId;
  return span;
}

/** The headers that make a call this span's child, in both formats (the callee may read either). */
export function traceHeaders(span: Span): { traceparent: string; 'x-cloud-trace-context': string } {
  return {
    traceparent: `00-${span.traceId}-${span.spanId}-${span.sampled ? '01' : '00'}`,
    'x-cloud-trace-context': `${span.traceId}/${BigInt(`0x${span.spanId}`)};o=${span.sampled ? 1 : 0}`,
  };
}

/**
 * This hop's span for a request with these headers: none without trace headers; a child of a valid context; a new
 * trace when the headers are invalid (an all-zero id is not a trace to log under).
 */
export function spanFor(traceparent: string | undefined, cloudTrace: string | undefined): Span | undefined {
  if (traceparent === undefined && cloudTrace === undefined) return undefined;
  return childSpan(parseTraceHeaders(traceparent, cloudTrace));
}
