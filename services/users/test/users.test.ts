import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { loadProto } from '@podmesh/runtime/grpc';
import { readJson } from '@podmesh/testkit/http';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import type { ProtoGrpcType } from '../../../proto/generated/users.ts';

describe('users', () => {
  let users: ServiceProcess | undefined;
  before(async () => {
    users = await startService('users');
  });
  after(() => stopAll([users]));

  test('GET /users/{id} answers a realistic name as JSON', async () => {
    const response = await fetch(`${users!.url}/users/1234`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = await readJson(response);
    assert.equal(body.user_id, '1234');
    assert.match(body.name, /^\p{Lu}[\p{L}-]+ (van )?\p{Lu}[\p{L}' -]+$/u);
  });

  for (const bad of ['abc', '-1', '1234567890123456789', '１２', '1.5', '%20']) {
    test(`GET /users/${bad} → 400 JSON`, async () => {
      const response = await fetch(`${users!.url}/users/${encodeURIComponent(bad)}`);
      assert.equal(response.status, 400);
      assert.deepEqual(await readJson(response), {
        error: { code: 'invalid_argument', message: 'user_id must be 1–18 decimal digits' },
      });
    });
  }

  test('names are varied: at least 90 distinct over 100 ids', async () => {
    const names = new Set<string>();
    for (let id = 1; id <= 100; id++) {
      names.add((await readJson(await fetch(`${users!.url}/users/${id}`))).name);
    }
    assert.ok(names.size >= 90, `only ${names.size} distinct names`);
  });

  test('unknown path → 404 JSON, wrong method → 405 JSON with Allow', async () => {
    const missing = await fetch(`${users!.url}/nope`);
    assert.equal(missing.status, 404);
    assert.equal((await readJson(missing)).error.code, 'not_found');
    const wrong = await fetch(`${users!.url}/users/1`, { method: 'DELETE' });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET, HEAD');
    assert.equal((await readJson(wrong)).error.code, 'method_not_allowed');
  });

  test('gRPC GetUser answers the same name; a bad id is INVALID_ARGUMENT', async () => {
    const { grpcObject } = loadProto<ProtoGrpcType>('podmesh/users/v1/users.proto');
    const client = new grpcObject.podmesh.users.v1.UsersService(
      `127.0.0.1:${users!.grpcPort}`,
      grpc.credentials.createInsecure(),
    );
    const call = (user_id: string) =>
      new Promise<{ user_id: string; name: string }>((resolve, reject) =>
        client.GetUser({ user_id }, (error, reply) => (error ? reject(error) : resolve(reply!))),
      );
    const http = await readJson(await fetch(`${users!.url}/users/42`));
    assert.deepEqual(await call('42'), http);
    await assert.rejects(
      call('x'),
      (error: grpc.ServiceError) => error.code === grpc.status.INVALID_ARGUMENT,
    );
    client.close();
  });

  test('standard gRPC health checking reports SERVING', async () => {
    const health = grpc.loadPackageDefinition(loadSync(healthProtoPath, { enums: String })) as unknown as {
      grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
    };
    const client = new health.grpc.health.v1.Health(
      `127.0.0.1:${users!.grpcPort}`,
      grpc.credentials.createInsecure(),
    );
    const check = (service: string) =>
      new Promise((resolve, reject) =>
        client.Check?.({ service }, (error: Error | null, reply: unknown) =>
          error ? reject(error) : resolve(reply),
        ),
      );
    assert.deepEqual(await check('podmesh.users.v1.UsersService'), { status: 'SERVING' });
    client.close();
  });
});

describe('users replicas and restarts', () => {
  test('the same id gets the same name on two replicas and after a restart', async () => {
    const first = await startService('users');
    const second = await startService('users');
    try {
      const ids = ['1', '7', '1234', '999999999999999999'];
      const names = async (service: ServiceProcess) =>
        Promise.all(ids.map(async (id) => (await readJson(await fetch(`${service.url}/users/${id}`))).name));
      const fromFirst = await names(first);
      assert.deepEqual(await names(second), fromFirst);
      await first.stop();
      const restarted = await startService('users', { httpPort: first.httpPort });
      try {
        assert.deepEqual(await names(restarted), fromFirst);
      } finally {
        await restarted.stop();
      }
    } finally {
      await stopAll([first, second]);
    }
  });
});
