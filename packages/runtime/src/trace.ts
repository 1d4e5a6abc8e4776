// Links a log line to its trace: W3C `traceparent` first, then Google's `x-cloud-trace-context`.
const traceparentPattern = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/;
const cloudTracePattern = /^([\da-f]{32})(?:\/(\d+))?(?:;o=([01]))?$/;

export interface TraceContext {
  traceId: string;
  spanId?: string;
  sampled: boolean;
}

export function parseTraceHeaders(traceparent?: string, cloudTrace?: string): TraceContext | undefined {
  const w3c = traceparent ? traceparentPattern.exec(traceparent.trim().toLowerCase()) : null;
  if (w3c?.[1] && w3c[2]) {
    return { traceId: w3c[1], spanId: w3c[2], sampled: (Number.parseInt(w3c[3] ?? '0', 16) & 1) === 1 };
  }
  const google = cloudTrace ? cloudTracePattern.exec(cloudTrace.trim().toLowerCase()) : null;
  if (google?.[1]) {
    // Cloud Trace sends the span id in decimal; the logging field wants 16 hex digits.
    const spanId = google[2] ? BigInt(google[2]).toString(16).padStart(16, '0') : undefined;
    return { traceId: google[1], ...(spanId ? { spanId } : {}), sampled: google[3] === '1' };
  }
  return undefined;
}
