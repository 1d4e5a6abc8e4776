// Every request is exactly one Cloud Logging JSON line with the httpRequest fields and the trace link.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';

describe('structured request logs', () => {
  let users: ServiceProcess | undefined;
  let countries: ServiceProcess | undefined;
  before(async () => {
    users = await startService('users', {
      env: { GOOGLE_CLOUD_PROJECT: 'demo-project', SERVICE_VERSION: '1.2.3' },
    });
    countries = await startService('countries', {
      env: { USERS_TARGET: `ipv4:127.0.0.1:${users.httpPort}` },
    });
  });
  after(() => stopAll([countries, users]));

  test('one parseable line per request, with severity, httpRequest, trace and service', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const requests: Array<[string, number, string]> = [
      ['/users/1', 200, 'INFO'],
      ['/users/x', 400, 'WARNING'],
      ['/nowhere', 404, 'WARNING'],
    ];
    const logsBefore = users!.logs.length;
    for (const [path] of requests) {
      await fetch(`${users!.url}${path}`, {
        headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'user-agent': 'podmesh-test' },
      });
    }
    await sleep(200);
    const lines = users!.logs.slice(logsBefore).filter((line) => line.httpRequest);
    assert.equal(lines.length, requests.length, JSON.stringify(lines));
    requests.forEach(([path, status, severity], i) => {
      const line = lines[i] as Record<string, any>;
      assert.equal(line.severity, severity);
      assert.equal(line.message, `GET ${path} ${status}`);
      assert.deepEqual(line.serviceContext, { service: 'users', version: '1.2.3' });
      assert.equal(line.httpRequest.requestMethod, 'GET');
      assert.equal(line.httpRequest.requestUrl, path);
      assert.equal(line.httpRequest.status, status);
      assert.match(line.httpRequest.latency, /^\d+\.\d+s$/);
      assert.equal(line.httpRequest.userAgent, 'podmesh-test');
      assert.equal(line.httpRequest.remoteIp, '127.0.0.1');
      assert.match(line.httpRequest.responseSize, /^\d+$/);
      assert.equal(line['logging.googleapis.com/trace'], `projects/demo-project/traces/${traceId}`);
      assert.match(line['logging.googleapis.com/spanId'], /^[\da-f]{16}$/);
      assert.equal(line.parentSpanId, '00f067aa0ba902b7');
      assert.equal(line['logging.googleapis.com/trace_sampled'], true);
    });
  });

  test('x-cloud-trace-context is understood when there is no traceparent', async () => {
    const logsBefore = users!.logs.length;
    await fetch(`${users!.url}/users/2`, {
      headers: { 'x-cloud-trace-context': '105445aa7843bc8bf206b12000100000/1;o=1' },
    });
    await sleep(100);
    const line = users!.logs.slice(logsBefore).find((l) => l.httpRequest) as Record<string, unknown>;
    assert.equal(
      line['logging.googleapis.com/trace'],
      'projects/demo-project/traces/105445aa7843bc8bf206b12000100000',
    );
    assert.equal(line.parentSpanId, '0000000000000001');
  });

  for (const [name, header, parent] of [
    [
      'traceparent',
      { traceparent: '00-aaaabbbbccccddddeeeeffff00001111-1111222233334444-01' },
      '1111222233334444',
    ],
    [
      'x-cloud-trace-context',
      { 'x-cloud-trace-context': 'aaaabbbbccccddddeeeeffff00001111/4660;o=1' },
      '0000000000001234',
    ],
  ] as const) {
    test(`one trace followed countries → users (${name}): each hop its own span, the caller's as parent`, async () => {
      const [usersBefore, countriesBefore] = [users!.logs.length, countries!.logs.length];
      const traceId = 'aaaabbbbccccddddeeeeffff00001111';
      await fetch(`${countries!.url}/countries?user_id=5`, { headers: header });
      await sleep(200);
      const countriesLines = countries!.logs.slice(countriesBefore).filter((l) => l.httpRequest);
      const usersLines = users!.logs.slice(usersBefore).filter((l) => l.httpRequest);
      assert.equal(countriesLines.length, 1);
      assert.equal(usersLines.length, 1);
      const fromCountries = countriesLines[0] as Record<string, any>;
      const fromUsers = usersLines[0] as Record<string, any>;
      assert.equal(fromCountries['logging.googleapis.com/trace'], traceId); // countries has no project set
      assert.equal(fromUsers['logging.googleapis.com/trace'], `projects/demo-project/traces/${traceId}`);
      assert.equal(fromCountries['logging.googleapis.com/trace_sampled'], true);
      assert.equal(fromUsers['logging.googleapis.com/trace_sampled'], true);
      const countriesSpan = fromCountries['logging.googleapis.com/spanId'];
      assert.match(countriesSpan, /^[\da-f]{16}$/);
      assert.notEqual(countriesSpan, parent);
      assert.equal(fromCountries.parentSpanId, parent);
      assert.equal(fromUsers.parentSpanId, countriesSpan);
      assert.notEqual(fromUsers['logging.googleapis.com/spanId'], countriesSpan);
      assert.match(fromUsers.httpRequest.userAgent, /^podmesh-countries\/\S+$/);
    });
  }

  test('an all-zero trace id is not logged as a trace: a new trace starts instead', async () => {
    const logsBefore = users!.logs.length;
    await fetch(`${users!.url}/users/3`, {
      headers: { traceparent: `00-${'0'.repeat(32)}-1111222233334444-01` },
    });
    await sleep(100);
    const line = users!.logs.slice(logsBefore).find((l) => l.httpRequest) as Record<string, any>;
    assert.match(line['logging.googleapis.com/trace'], /^projects\/demo-project\/traces\/[\da-f]{32}$/);
    assert.doesNotMatch(line['logging.googleapis.com/trace'], /0{32}$/);
    assert.equal(line.parentSpanId, undefined);
  });

  test('gRPC calls are logged the same way', async () => {
    const { GrpcClientForTest } = await import('@podmesh/testkit/usersGrpc');
    const client = new GrpcClientForTest(users!.grpcPort);
    const logsBefore = users!.logs.length;
    await client.getUser('77');
    await sleep(100);
    client.close();
    const line = users!.logs.slice(logsBefore).find((l) => l.grpc) as Record<string, any>;
    assert.equal(line.severity, 'INFO');
    assert.equal(line.message, '/podmesh.users.v1.UsersService/GetUser OK');
    assert.equal(line.httpRequest.requestUrl, '/podmesh.users.v1.UsersService/GetUser');
    assert.match(line.httpRequest.latency, /^\d+\.\d+s$/);
  });

  test('a refused gRPC call is logged as a warning with its status detail', async () => {
    const { GrpcClientForTest } = await import('@podmesh/testkit/usersGrpc');
    const client = new GrpcClientForTest(users!.grpcPort);
    const logsBefore = users!.logs.length;
    await assert.rejects(client.getUser('not "a" number'));
    await sleep(100);
    client.close();
    const line = users!.logs.slice(logsBefore).find((l) => l.grpc) as Record<string, any>;
    assert.equal(line.severity, 'WARNING');
    assert.equal(line.message, '/podmesh.users.v1.UsersService/GetUser INVALID_ARGUMENT');
    assert.deepEqual(Object.keys(line.grpc), ['service', 'method', 'code', 'detail']);
    assert.match(line.grpc.detail, /user_id/);
  });

  test('a route can log its successes at debug (peer /ping), but never its errors', async () => {
    const peer = await startService('peer', { env: { PEER_CONFIG_FILE: '/nonexistent/peers.yaml' } });
    try {
      await fetch(`${peer.url}/ping`);
      await fetch(`${peer.url}/ping`, { method: 'POST' });
      await sleep(200);
      const lines = peer.logs.filter((line) => line.httpRequest);
      assert.deepEqual(
        lines.map((line) => line.message),
        ['POST /ping 405'],
      );
    } finally {
      await stopAll([peer]);
    }
  });
});
