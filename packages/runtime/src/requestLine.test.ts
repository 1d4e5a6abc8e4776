import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from './logger.ts';
import { type RequestLine, writeRequestLine } from './requestLine.ts';

function written(project: string, request: Partial<RequestLine>): Record<string, any> {
  const lines: string[] = [];
  const destination = { write: (line: string) => void lines.push(line) };
  const log = createLogger({ service: 's', version: 'v', level: 'info', destination: destination as never });
  writeRequestLine(log, 'warn', project, {
    method: 'POST',
    url: '/pkg.v1.Svc/Get',
    status: 200,
    seconds: 0.0123456789,
    userAgent: 'grpc-node-js/1.14',
    remoteIp: 'ipv4:127.0.0.1:5000',
    protocol: 'HTTP/2',
    fields: ',"grpc":{"code":"NOT_FOUND"}',
    traceparent: undefined,
    cloudTrace: undefined,
    message: '/pkg.v1.Svc/Get NOT_FOUND',
    ...request,
  });
  assert.equal(lines.length, 1);
  return JSON.parse(lines[0] as string);
}

test('a line without trace headers has no trace fields; the caller’s fields follow httpRequest', () => {
  const line = written('p1', {});
  assert.equal(line.severity, 'WARNING');
  assert.deepEqual(line.grpc, { code: 'NOT_FOUND' });
  assert.equal(line.httpRequest.latency, '0.012346s');
  assert.equal(line.httpRequest.remoteIp, 'ipv4:127.0.0.1:5000');
  assert.equal('responseSize' in line.httpRequest, false);
  assert.equal(
    Object.keys(line).some((key) => key.startsWith('logging.googleapis.com/')),
    false,
  );
});

test('without a project the trace is the bare id; unknown peer and size are left out', () => {
  const line = written('', {
    cloudTrace: '105445aa7843bc8bf206b12000100000;o=0',
    remoteIp: undefined,
    responseSize: Number.NaN,
  });
  assert.equal(line['logging.googleapis.com/trace'], '105445aa7843bc8bf206b12000100000');
  assert.equal(line['logging.googleapis.com/trace_sampled'], false);
  assert.equal('logging.googleapis.com/spanId' in line, false);
  assert.equal('remoteIp' in line.httpRequest, false);
  assert.equal('responseSize' in line.httpRequest, false);
});
