import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTraceHeaders } from './trace.ts';

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
