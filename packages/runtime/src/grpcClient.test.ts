import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { createGrpcClient, grpcCodeName } from './grpcClient.ts';
import { createMetrics } from './metrics.ts';

// A raw-bytes service, so the test needs no .proto: Read and Write always fail with UNAVAILABLE, Hang never answers.
const bytes = (value: Buffer) => value;
const method = (name: string) => ({
  path: `/test.v1.Probe/${name}`,
  requestStream: false,
  responseStream: false,
  requestSerialize: bytes,
  requestDeserialize: bytes,
  responseSerialize: bytes,
  responseDeserialize: bytes,
});
const definition = { Read: method('Read'), Write: method('Write'), Hang: method('Hang') };
const Probe = grpc.makeGenericClientConstructor(definition, 'Probe');
const attempts = { Read: 0, Write: 0 };
const server = new grpc.Server();
server.addService(definition, {
  Read: (_call: unknown, callback: grpc.sendUnaryData<Buffer>) => {
    attempts.Read++;
    callback({ code: grpc.status.UNAVAILABLE, details: 'try elsewhere' });
  },
  Write: (_call: unknown, callback: grpc.sendUnaryData<Buffer>) => {
    attempts.Write++;
    callback({ code: grpc.status.UNAVAILABLE, details: 'outcome unknown' });
  },
  Hang: () => undefined,
});
let port = 0;
before(async () => {
  port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
});
after(() => server.forceShutdown());

type Unary = (
  request: Buffer,
  callback: (error: grpc.ServiceError | null, reply?: Buffer) => void,
) => unknown;

function call(client: grpc.Client, name: string): Promise<unknown> {
  const invoke = (client as unknown as Record<string, Unary>)[name] as Unary;
  return new Promise((resolve, reject) =>
    invoke.call(client, Buffer.alloc(0), (error, reply) => (error ? reject(error) : resolve(reply))),
  );
}

test('only the methods declared retryable are retried; every call is counted', async () => {
  const metrics = createMetrics('test');
  const client = createGrpcClient(Probe, {
    target: `ipv4:127.0.0.1:${port}`,
    deadlineMs: 2000,
    metrics,
    retryable: [{ service: 'test.v1.Probe', method: 'Read' }],
  });
  try {
    await assert.rejects(call(client, 'Read'), (error) => grpcCodeName(error) === 'UNAVAILABLE');
    await assert.rejects(call(client, 'Write'), (error) => grpcCodeName(error) === 'UNAVAILABLE');
    assert.deepEqual(attempts, { Read: 3, Write: 1 });
    const counted = await metrics.grpcClientHandled.get();
    const byMethod = Object.fromEntries(
      counted.values.map(({ labels, value }) => [labels.grpc_method, value]),
    );
    assert.deepEqual(byMethod, { Read: 1, Write: 1 }, 'one count per call, retries included');
  } finally {
    client.close();
  }
});

test('a call without its own deadline gets the default one', async () => {
  const client = createGrpcClient(Probe, { target: `ipv4:127.0.0.1:${port}`, deadlineMs: 300 });
  try {
    const started = Date.now();
    await assert.rejects(call(client, 'Hang'), (error) => grpcCodeName(error) === 'DEADLINE_EXCEEDED');
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 250 && elapsed < 5000, `gave up after ${elapsed} ms`);
  } finally {
    client.close();
  }
});
