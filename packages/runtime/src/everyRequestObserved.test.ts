// Every request that reaches a service is one log line and one metric sample, whichever layer answers it: a
// route, Fastify before routing, Node's HTTP parser, grpc-js before or after any handler. Sent raw, as outside
// clients sent them (a socket for HTTP, grpc-js with hand-made bytes and a bare HTTP/2 client for gRPC).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect as connectHttp2 } from 'node:http2';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { loadConfig, runtimeEnv } from './config.ts';
import { createGrpcServer } from './grpcServer.ts';
import { Health } from './health.ts';
import { createHttpServer } from './httpServer.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { loadProto } from './proto.ts';

const lines: Array<Record<string, any>> = [];
const log = createLogger({
  service: 'observed',
  version: '1.0.0',
  level: 'debug',
  destination: { write: (line: string) => void lines.push(JSON.parse(line)) } as never,
});
const config = loadConfig(runtimeEnv, {});
const metrics = createMetrics('observed');
const health = new Health();

/** The sum of a counter over all its series. */
async function samples(name: string): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? []).reduce((sum, { value }) => sum + value, 0);
}

/** Waits until `count` more lines were written than `from` (bounded), then a moment for any extra one. */
async function linesSince(from: number, count: number): Promise<Array<Record<string, any>>> {
  for (let i = 0; i < 200 && lines.length < from + count; i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
  return lines.slice(from);
}

describe('HTTP: one line and one sample per request, in our error shape', () => {
  const app = createHttpServer({ config, log, metrics, health });
  app.post('/echo', async (request) => request.body);
  app.get('/items/:id', async (request) => ({ id: (request.params as { id: string }).id }));
  let port = 0;
  before(async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  });
  after(() => app.close());

  async function send(request: string): Promise<{ status: number; body: string }> {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined); // the server may close before reading everything it was sent
    socket.end(request);
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    await once(socket, 'close');
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    return { status: Number(head.split(' ')[1]), body };
  }

  const end = 'Host: test\r\nConnection: close\r\n\r\n';
  const json = (body: string, length = body.length) =>
    `POST /echo HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${end}${body}`;
  const requests: Array<[string, number, string]> = [
    ['a routed request', 200, `GET /items/1 HTTP/1.1\r\n${end}`],
    ['an unknown path', 404, `GET /nowhere HTTP/1.1\r\n${end}`],
    ['bad percent-encoding in the path', 400, `GET /items/%zz HTTP/1.1\r\n${end}`],
    ['a URL over the header limit', 431, `GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${end}`],
    ['a header over the limit', 431, `GET /items/1 HTTP/1.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n${end}`],
    ['an unreadable request line', 400, `NOT HTTP AT ALL\r\n${end}`],
    ['malformed JSON', 400, json('{"a":')],
    ['a body over the limit', 413, json('{}', 3 * 1024 * 1024)],
    [
      'an unsupported content type',
      415,
      `POST /echo HTTP/1.1\r\nContent-Type: text/xml\r\nContent-Length: 4\r\n${end}<a/>`,
    ],
  ];
  for (const [name, status, request] of requests) {
    test(`${name}: ${status}`, async () => {
      const from = lines.length;
      const counted = await samples('http_requests_total');
      const answer = await send(request);
      assert.equal(answer.status, status);
      if (status >= 400) {
        const { error } = JSON.parse(answer.body);
        assert.equal(typeof error.code, 'string', answer.body);
        assert.equal(typeof error.message, 'string', answer.body);
        assert.deepEqual(Object.keys(error).sort(), ['code', 'message']);
      }
      const written = await linesSince(from, 1);
      assert.equal(written.length, 1, JSON.stringify(written));
      assert.equal(written[0]?.httpRequest?.status, status);
      assert.equal(await samples('http_requests_total'), counted + 1);
    });
  }
});

describe('gRPC: one line and one sample per call, whoever answers it', () => {
  const server = createGrpcServer({ config, log, metrics, health });
  const { grpcObject } = loadProto<any>('podmesh/users/v1/users.proto');
  const service = grpcObject.podmesh.users.v1.UsersService.service as grpc.ServiceDefinition;
  server.addService(service, {
    GetUser: (
      call: grpc.ServerUnaryCall<{ user_id: string }, object>,
      callback: grpc.sendUnaryData<object>,
    ) =>
      call.request.user_id === 'bad'
        ? callback({ code: grpc.status.INVALID_ARGUMENT, details: 'bad id' })
        : callback(null, { user_id: call.request.user_id, name: 'Ada' }),
  });
  let port = 0;
  let client: grpc.Client;
  before(async () => {
    port = await server.bind('127.0.0.1', 0);
    client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  after(async () => {
    client.close();
    await server.close(1000);
  });

  const path = Object.values(service)[0]?.path as string;
  const call = (method: string, message: Buffer) =>
    new Promise<grpc.status>((resolve) => {
      client.makeUnaryRequest(
        method,
        (value: Buffer) => value,
        (value: Buffer) => value,
        message,
        { deadline: Date.now() + 5000 },
        (error) => resolve(error ? error.code : grpc.status.OK),
      );
    });
  const userId = (bytes: Buffer) => Buffer.concat([Buffer.from([0x0a, bytes.length]), bytes]);
  const calls: Array<[string, keyof typeof grpc.status, () => Promise<grpc.status>]> = [
    ['a good call', 'OK', () => call(path, userId(Buffer.from('u1')))],
    ['a handler error', 'INVALID_ARGUMENT', () => call(path, userId(Buffer.from('bad')))],
    ['a string that is not UTF-8', 'INVALID_ARGUMENT', () => call(path, userId(Buffer.from([0xff])))],
    ['an undecodable message', 'INTERNAL', () => call(path, Buffer.from([0x0a, 0x7f]))],
    ['a message over the size limit', 'RESOURCE_EXHAUSTED', () => call(path, Buffer.alloc(5 * 1024 * 1024))],
    [
      'an unknown method',
      'UNIMPLEMENTED',
      () => call('/podmesh.users.v1.UsersService/Nope', Buffer.alloc(0)),
    ],
  ];
  for (const [name, code, send] of calls) {
    test(`${name}: ${code}`, async () => {
      const from = lines.length;
      const counted = await samples('grpc_server_handled_total');
      assert.equal(grpc.status[await send()], code);
      const written = await linesSince(from, 1);
      assert.equal(written.length, 1, JSON.stringify(written));
      assert.equal(written[0]?.grpc?.code, code);
      assert.equal(await samples('grpc_server_handled_total'), counted + 1);
    });
  }

  test('a request that is not gRPC (HTTP 415) on the gRPC port', async () => {
    const from = lines.length;
    const counted = await samples('grpc_server_handled_total');
    const session = connectHttp2(`http://127.0.0.1:${port}`);
    const stream = session.request({ ':method': 'POST', ':path': path, 'content-type': 'text/plain' });
    stream.end('hello');
    const [headers] = await once(stream, 'response');
    stream.resume();
    session.close();
    assert.equal(headers[':status'], 415);
    const written = await linesSince(from, 1);
    assert.equal(written.length, 1, JSON.stringify(written));
    assert.equal(written[0]?.httpRequest?.status, 415);
    assert.equal(await samples('grpc_server_handled_total'), counted + 1);
  });
});
