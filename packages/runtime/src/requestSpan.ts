// The span of an HTTP request, made once: the request line logs it and a handler passes it on to the services it
// calls (`traceHeadersFor(request)`), so both name the same span id.
import type { FastifyRequest } from 'fastify';
import { childSpan, type Span, spanFor, traceHeaders } from './trace.ts';

const spans = new WeakMap<object, Span>();

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The request's span; without trace headers, undefined unless `start` (then it begins a new trace). */
export function spanOf(request: FastifyRequest, start = false): Span | undefined {
  let span = spans.get(request.raw);
  if (span) return span;
  const { headers } = request;
  span = spanFor(headerText(headers.traceparent), headerText(headers['x-cloud-trace-context']));
  if (!span && start) span = childSpan(undefined);
  if (span) spans.set(request.raw, span);
  return span;
}

/** Headers for a call made while serving `request`: the callee's span is a child of this request's span. */
export function traceHeadersFor(request: FastifyRequest): Record<string, string> {
  return traceHeaders(spanOf(request, true) as Span);
}
