import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childSpan, parseTraceHeaders, spanFor, traceHeaders } from './trace.ts';

test('W3C traceparent wins and keeps the sampled flag', () => {
  const trace = parseTraceHeaders('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '1111/2;o=0');
  assert.deepEqual(trace, {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    sampled: true,
  });
});

test('x-cloud-trace-context: decimal span id becomes 16 hex digits', () => {
  const trace = parseTraceHeaders(undefined, '105445aa7843bc8bf206b12000100000/255;o=1');
  assert.deepEqual(trace, {
    traceId: '105445aa7843bc8bf206b12000100000',
    spanId: '00000000000000ff',
    sampled: true,
  });
});

test('malformed headers are ignored, not thrown', () => {
  assert.equal(parseTraceHeaders('garbage', 'zz'), undefined);
  assert.equal(parseTraceHeaders(undefined, undefined), undefined);
});

test('all-zero ids and version ff are invalid (W3C): no caller context', () => {
  assert.equal(parseTraceHeaders(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`), undefined);
  assert.equal(parseTraceHeaders(`00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`), undefined);
  assert.equal(parseTraceHeaders('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), undefined);
  assert.equal(parseTraceHeaders(undefined, `${'0'.repeat(32)}/1;o=1`), undefined);
  // Cloud Trace's span 0 means "no span": the trace stands, without a parent.
  assert.deepEqual(parseTraceHeaders(undefined, '105445aa7843bc8bf206b12000100000/0;o=1'), {
    traceId: '105445aa7843bc8bf206b12000100000',
    sampled: true,
  });
});

test('an invalid context starts a new trace instead of logging the zero one', () => {
  const span = spanFor(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, undefined);
  assert.match(span?.traceId ?? '', /^[\da-f]{32}$/);
  assert.notEqual(span?.traceId, '0'.repeat(32));
  assert.equal(span?.parentSpanId, undefined);
  assert.equal(spanFor(undefined, undefined), undefined);
});

test('a hop is a child span: same trace, a new span id, the caller as parent, passed on in both formats', () => {
  const caller = parseTraceHeaders('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  const span = childSpan(caller);
  assert.equal(span.traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
  assert.equal(span.parentSpanId, '00f067aa0ba902b7');
  assert.match(span.spanId, /^[\da-f]{16}$/);
  assert.notEqual(span.spanId, '00f067aa0ba902b7');
  const headers = traceHeaders(span);
  assert.deepEqual(parseTraceHeaders(headers.traceparent), {
    traceId: span.traceId,
    spanId: span.spanId,
    sampled: true,
  });
  assert.deepEqual(parseTraceHeaders(undefined, headers['x-cloud-trace-context']), {
    traceId: span.traceId,
    spanId: span.spanId,
    sampled: true,
  });
});
