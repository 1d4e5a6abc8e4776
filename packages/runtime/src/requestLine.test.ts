import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from './logger.ts';
import { duration, jsonText, type RequestLine, requestLineWriter } from './requestLine.ts';

function written(project: string, request: Partial<RequestLine>): Record<string, any> {
  const lines: string[] = [];
  const destination = { write: (line: string) => void lines.push(line) };
  const log = createLogger({ service: 's', version: 'v', level: 'info', destination: destination as never });
  requestLineWriter(log, project)('warn', {
    method: 'POST',
    url: '/pkg.v1.Svc/Get',
    status: 200,
    seconds: 0.0123456789,
    userAgent: 'grpc-node-js/1.14',
    remoteIp: 'ipv4:127.0.0.1:5000',
    protocol: 'HTTP/2',
    fields: ',"grpc":{"code":"NOT_FOUND"}',
    span: undefined,
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
    span: { traceId: '105445aa7843bc8bf206b12000100000', spanId: '00000000000000ab', sampled: false },
    remoteIp: undefined,
    responseSize: Number.NaN,
  });
  assert.equal(line['logging.googleapis.com/trace'], '105445aa7843bc8bf206b12000100000');
  assert.equal(line['logging.googleapis.com/trace_sampled'], false);
  assert.equal(line['logging.googleapis.com/spanId'], '00000000000000ab');
  assert.equal('parentSpanId' in line, false);
  assert.equal('remoteIp' in line.httpRequest, false);
  assert.equal('responseSize' in line.httpRequest, false);
});

test('jsonText writes every string as JSON.stringify does', () => {
  // Printable ASCII, the characters JSON escapes, a lone surrogate, a pair, Latin-1 and DEL; lengths either side of
  // the 128 past which jsonInner leaves it all to JSON.stringify.
  const alphabet = [
    'a',
    'Z',
    '0',
    ' ',
    '/',
    '?',
    '~',
    '"',
    '\\',
    '\n',
    '\t',
    '\u0000',
    '\u001f',
    '\u007f',
    'é',
    '\ud800',
    '😀',
  ];
  for (let i = 0; i < 5_000; i++) {
    const length = Math.floor(Math.random() * 140);
    const plain = Math.random() < 0.5; // half the strings without anything to escape: the fast path
    let value = '';
    for (let j = 0; j < length; j++) {
      value += alphabet[Math.floor(Math.random() * (plain ? 7 : alphabet.length))];
    }
    assert.equal(jsonText(value), JSON.stringify(value), JSON.stringify(value));
  }
});

test('duration writes seconds to the microsecond as toFixed(6) does', () => {
  const seconds = [
    0,
    1e-7,
    4.9e-7,
    5.1e-7,
    0.000001,
    0.0123456789,
    0.9999994,
    0.9999996,
    1,
    59.5,
    3600.25,
    2 ** 31,
  ];
  for (let i = 0; i < 20_000; i++) seconds.push(Math.random() * 10 ** Math.floor(Math.random() * 6 - 3));
  for (const value of seconds) assert.equal(duration(value), `${value.toFixed(6)}s`, String(value));
});

test('lines of one writer keep their own level, method, bindings, protocol and fields', () => {
  // The writer reuses a line's start and end while they stay the same: each change must show in the next line.
  const lines: string[] = [];
  const destination = { write: (line: string) => void lines.push(line) };
  const log = createLogger({ service: 's', version: 'v', level: 'info', destination: destination as never });
  const write = requestLineWriter(log, '');
  const request: RequestLine = {
    method: 'GET',
    url: '/a',
    status: 200,
    seconds: 0.001,
    userAgent: 'test',
    remoteIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    fields: ',"route":"/a"',
    span: undefined,
  };
  // Each step changes one thing.
  write('info', request);
  write('warn', request);
  write('warn', { ...request, method: 'POST' });
  write('warn', { ...request, method: 'POST', protocol: 'HTTP/1.0' });
  write('warn', { ...request, method: 'POST', protocol: 'HTTP/1.0', fields: ',"route":"/b"' });
  log.setBindings({ pod: 'users-1' });
  write('warn', { ...request, method: 'POST', protocol: 'HTTP/1.0', fields: ',"route":"/b"' });
  write('info', request);
  const seen = lines.map((line) => {
    const { severity, httpRequest, route, pod, serviceContext } = JSON.parse(line);
    return [severity, httpRequest.requestMethod, httpRequest.protocol, route, pod, serviceContext.service];
  });
  assert.deepEqual(seen, [
    ['INFO', 'GET', 'HTTP/1.1', '/a', undefined, 's'],
    ['WARNING', 'GET', 'HTTP/1.1', '/a', undefined, 's'],
    ['WARNING', 'POST', 'HTTP/1.1', '/a', undefined, 's'],
    ['WARNING', 'POST', 'HTTP/1.0', '/a', undefined, 's'],
    ['WARNING', 'POST', 'HTTP/1.0', '/b', undefined, 's'],
    ['WARNING', 'POST', 'HTTP/1.0', '/b', 'users-1', 's'],
    ['INFO', 'GET', 'HTTP/1.1', '/a', 'users-1', 's'],
  ]);
});
