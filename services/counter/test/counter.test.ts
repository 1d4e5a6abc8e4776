import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { connectKv } from '../../kv/test/kvClient.ts';

interface ErrorReply {
  error: { code: string; message: string };
}

describe('counter contract', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-contract-'));
  const kvEnv = { KV_DATA_DIR: dataDir, LOG_REQUESTS: 'false' };
  let kv: ServiceProcess | undefined;
  let counter: ServiceProcess | undefined;
  const url = () => (counter as ServiceProcess).url;
  before(async () => {
    kv = await startService('kv', { env: kvEnv });
    counter = await startService('counter', { env: { KV_TARGET: `ipv4:127.0.0.1:${kv.grpcPort}` } });
  });
  after(async () => {
    await stopAll([counter, kv]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('GET / says hello with the count; POST / counts itself', async () => {
    const first = await fetch(`${url()}/`);
    assert.equal(first.status, 200);
    assert.match(first.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await first.json(), { message: 'Hello World!!!', post_requests: 0 });
    for (const expected of [1, 2]) {
      const post = await fetch(`${url()}/`, { method: 'POST' });
      assert.equal(post.status, 200);
      assert.deepEqual(await post.json(), { post_requests: expected });
    }
    assert.deepEqual(await (await fetch(`${url()}/`)).json(), {
      message: 'Hello World!!!',
      post_requests: 2,
    });
  });

  test('pipelined POST / then GET / on one connection: the GET counts the POST', async () => {
    const { port } = new URL(url());
    for (let round = 0; round < 5; round++) {
      const socket = connect(Number(port), '127.0.0.1');
      const head = `Host: counter\r\nContent-Length: 0\r\n`;
      // Both requests in one write, as a pipelining client sends them. Not `end()`: Node's server aborts the
      // requests still in flight when a client half-closes; `Connection: close` makes the server close after both.
      socket.write(`POST / HTTP/1.1\r\n${head}\r\nGET / HTTP/1.1\r\n${head}Connection: close\r\n\r\n`);
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk;
      });
      await once(socket, 'close');
      // Each response: a head, a blank line, a JSON body (Content-Length framed, no chunking for these).
      const bodies = answer
        .split(/(?=HTTP\/1\.1 )/)
        .map((response) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)));
      assert.equal(bodies.length, 2, answer);
      assert.equal(bodies[1].post_requests, bodies[0].post_requests, JSON.stringify(answer));
    }
  });

  test('unknown path → 404 JSON, unknown method → 405 JSON', async () => {
    const missing = await fetch(`${url()}/counts`, { method: 'POST' });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as ErrorReply).error.code, 'not_found');
    const wrong = await fetch(`${url()}/`, { method: 'DELETE' });
    assert.equal(wrong.status, 405);
    assert.equal(((await wrong.json()) as ErrorReply).error.code, 'method_not_allowed');
  });

  test('kv down → 503 JSON and nothing counted; counter recovers by itself when kv is back', async () => {
    const before = (await (await fetch(`${url()}/`)).json()) as { post_requests: number };
    const { httpPort, grpcPort } = kv as ServiceProcess;
    await (kv as ServiceProcess).stop('SIGKILL');
    for (const method of ['POST', 'GET', 'POST']) {
      const response = await fetch(`${url()}/`, { method });
      assert.equal(response.status, 503, method);
      assert.equal(((await response.json()) as ErrorReply).error.code, 'unavailable');
    }
    kv = await startService('kv', { env: kvEnv, httpPort, grpcPort });
    const backBy = Date.now() + 10_000;
    let status = 0;
    while (status !== 200 && Date.now() < backBy) {
      status = (await fetch(`${url()}/`)).status;
      if (status !== 200) await sleep(100);
    }
    assert.equal(status, 200, 'counter did not recover within 10 s of kv coming back');
    const post = await fetch(`${url()}/`, { method: 'POST' });
    assert.deepEqual(await post.json(), { post_requests: before.post_requests + 1 });
  });

  test('a key that does not hold a count is a 500 JSON (cause in the log), and counter keeps serving', async () => {
    const kvClient = connectKv((kv as ServiceProcess).grpcPort);
    await kvClient.put('contract/not-a-count', 'abc');
    kvClient.close();
    const broken = await startService('counter', {
      env: {
        KV_TARGET: `ipv4:127.0.0.1:${(kv as ServiceProcess).grpcPort}`,
        COUNTER_KEY: 'contract/not-a-count',
      },
    });
    try {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${broken.url}/`, { method });
        assert.equal(response.status, 500, method);
        assert.deepEqual(await response.json(), { error: { code: 'internal', message: 'internal error' } });
      }
      assert.equal((await fetch(`${broken.url}/healthz`)).status, 200, 'still alive');
      assert.ok(broken.logs.some((line) => JSON.stringify(line).includes('FAILED_PRECONDITION')));
    } finally {
      await broken.stop();
    }
  });

  test('calls to kv are counted in grpc_client_handled_total', async () => {
    const metrics = await (await fetch(`${url()}/metrics`)).text();
    assert.match(
      metrics,
      /grpc_client_handled_total\{grpc_type="unary",grpc_service="podmesh.kv.v1.KeyValueService",grpc_method="Increment",grpc_code="OK"[^}]*\} [1-9]/,
    );
    // go-grpc-prometheus's spelling (codes.Code.String()), which alerts and community dashboards match on.
    assert.match(metrics, /grpc_client_handled_total\{[^}]*grpc_method="Increment",grpc_code="Unavailable"/);
  });
});
