import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { fastify } from 'fastify';
import { createLogger } from './logger.ts';
import { requestLineWriter } from './requestLine.ts';
import { logRequest } from './requestLog.ts';

const written: string[] = [];
const destination = { write: (line: string) => void written.push(line) };
const log = createLogger({
  service: 'users',
  version: '1.2.3',
  level: 'debug',
  destination: destination as never,
});
const writeLine = requestLineWriter(log, 'demo-project');
const app = fastify();
app.addHook('onResponse', (request, reply, done) => {
  logRequest(log, writeLine, request, reply, request.routeOptions);
  done();
});
app.get('/*', async (request) => ({ url: request.url }));
app.get('/fails', async (_request, reply) => reply.code(500).send({ error: 'boom' }));
app.get('/healthz', async () => ({ status: 'ok' }));
let port = 0;
before(async () => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});
after(() => app.close());

/** Sends `head` as is (clients would escape what this test wants to reach the server raw); the line it logged. */
async function logged(head: string): Promise<Record<string, any>> {
  const before = written.length;
  const socket = connect(port, '127.0.0.1');
  socket.end(`${head}\r\nHost: test\r\nConnection: close\r\n\r\n`);
  socket.resume();
  await once(socket, 'close');
  while (written.length === before) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(written.length, before + 1);
  const line = written[before] as string;
  assert.ok(line.endsWith('}\n'), line);
  return JSON.parse(line);
}

test('a URL and a user agent with quotes and backslashes stay parseable and intact', async () => {
  const line = await logged('GET /a"b\\c/d?q="x" HTTP/1.1\r\nUser-Agent: my "agent" \\ 1.0');
  assert.equal(line.httpRequest.requestUrl, '/a"b\\c/d?q="x"');
  assert.equal(line.httpRequest.userAgent, 'my "agent" \\ 1.0');
  assert.equal(line.message, 'GET /a"b\\c/d?q="x" 200');
  assert.equal(line.route, '/*');
});

test('the line has the fields, in the order, of every other line the logger writes', async () => {
  const line = await logged(
    'GET /users/7 HTTP/1.1\r\nUser-Agent: t\r\ntraceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  );
  const before = written.length;
  log.info({ httpRequest: {} }, 'another line');
  const other = JSON.parse(written[before] as string);
  assert.deepEqual(Object.keys(line).slice(0, 3), Object.keys(other).slice(0, 3));
  assert.deepEqual(line.serviceContext, other.serviceContext);
  assert.deepEqual(line, {
    severity: 'INFO',
    time: line.time,
    serviceContext: { service: 'users', version: '1.2.3' },
    httpRequest: {
      requestMethod: 'GET',
      requestUrl: '/users/7',
      status: 200,
      latency: line.httpRequest.latency,
      userAgent: 't',
      remoteIp: '127.0.0.1',
      responseSize: '18', // {"url":"/users/7"},
      protocol: 'HTTP/1.1',
    },
    route: '/*',
    'logging.googleapis.com/trace': 'projects/demo-project/traces/4bf92f3577b34da6a3ce929d0e0e4736',
    'logging.googleapis.com/spanId': line['logging.googleapis.com/spanId'], // this hop's own span
    'logging.googleapis.com/trace_sampled': true,
    parentSpanId: '00f067aa0ba902b7', // the caller's
    message: 'GET /users/7 200',
  });
  assert.match(line['logging.googleapis.com/spanId'], /^[\da-f]{16}$/);
  assert.notEqual(line['logging.googleapis.com/spanId'], '00f067aa0ba902b7');
  assert.match(line.httpRequest.latency, /^\d+\.\d{6}s$/);
  assert.ok(!Number.isNaN(Date.parse(line.time)));
});

test('severity follows the status; probes log at debug; a disabled level writes nothing', async () => {
  assert.equal((await logged('GET /fails HTTP/1.1')).severity, 'ERROR');
  assert.equal((await logged('POST /users/7 HTTP/1.1')).severity, 'WARNING');
  assert.equal((await logged('GET /healthz HTTP/1.1')).severity, 'DEBUG');
  log.level = 'info';
  try {
    const before = written.length;
    const socket = connect(port, '127.0.0.1');
    socket.end('GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n');
    socket.resume();
    await once(socket, 'close');
    await logged('GET /after-the-probe HTTP/1.1'); // the next line written is this one, not the probe's
    assert.equal(JSON.parse(written[before] as string).httpRequest.requestUrl, '/after-the-probe');
  } finally {
    log.level = 'debug';
  }
});
