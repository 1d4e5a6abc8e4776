// Keys sent as raw bytes, as a client whose proto declares the field `bytes` sends them: protobufjs would decode
// invalid UTF-8 to U+FFFD, so 0xFF and 0xFE became the same key and one Put silently overwrote the other.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type * as grpc from '@grpc/grpc-js';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import protobuf from 'protobufjs';
import { connectKv, failsWith, type KvTestClient } from './kvClient.ts';

// The kv contract with every string field declared `bytes`: the same wire format, no UTF-8 check on the client.
const bytesProto = protobuf.parse(
  `
  syntax = "proto3";
  message KeyRequest { bytes key = 1; bytes value = 2; int64 delta = 3; }
  message ListRequest { bytes prefix = 1; int32 page_size = 2; bytes page_token = 3; }
`,
  { keepCase: true },
).root;
const KeyRequest = bytesProto.lookupType('KeyRequest');
const ListRequest = bytesProto.lookupType('ListRequest');
// IncrementRequest's delta is field 2, not 3: it gets its own type.
const IncrementRequest = protobuf
  .parse(`
  syntax = "proto3";
  message IncrementRequest { bytes key = 1; int64 delta = 2; }
`)
  .root.lookupType('IncrementRequest');

function rawCall(
  client: grpc.Client,
  method: string,
  type: protobuf.Type,
  request: object,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      `/podmesh.kv.v1.KeyValueService/${method}`,
      (value: object) => Buffer.from(type.encode(type.fromObject(value)).finish()),
      (reply: Buffer) => reply,
      request,
      { deadline: Date.now() + 10_000 },
      (error, reply) => (error ? reject(error) : resolve(reply)),
    );
  });
}

describe('kv keys on the wire', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kv-raw-'));
  let kv: ServiceProcess | undefined;
  let client: KvTestClient;
  before(async () => {
    kv = await startService('kv', { env: { KV_DATA_DIR: dataDir, LOG_REQUESTS: 'false' } });
    client = connectKv(kv.grpcPort);
  });
  after(async () => {
    client?.close();
    await stopAll([kv]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const raw = (method: string, type: protobuf.Type, request: object) =>
    rawCall(client.client, method, type, request);

  test('a key that is not valid UTF-8 is INVALID_ARGUMENT on every method, and nothing is stored', async () => {
    for (const key of [Buffer.from([0xff]), Buffer.from([0xfe]), Buffer.from('ok\xc3', 'latin1')]) {
      const put = await failsWith(
        raw('Put', KeyRequest, { key, value: Buffer.from('v') }),
        'INVALID_ARGUMENT',
      );
      assert.equal(put, 'key is not valid UTF-8');
      await failsWith(raw('Get', KeyRequest, { key }), 'INVALID_ARGUMENT');
      await failsWith(raw('Delete', KeyRequest, { key }), 'INVALID_ARGUMENT');
      await failsWith(raw('Increment', IncrementRequest, { key, delta: 1 }), 'INVALID_ARGUMENT');
    }
    await failsWith(client.get('\ufffd'), 'NOT_FOUND');
    assert.deepEqual((await client.list({ prefix: '' })).entries, []);
  });

  test('a List prefix or page token that is not valid UTF-8 is INVALID_ARGUMENT', async () => {
    const bad = Buffer.from([0xff]);
    assert.equal(
      await failsWith(raw('List', ListRequest, { prefix: bad }), 'INVALID_ARGUMENT'),
      'prefix is not valid UTF-8',
    );
    await failsWith(raw('List', ListRequest, { page_token: bad }), 'INVALID_ARGUMENT');
  });

  test('a truncated key (length past the end of the message) is refused, not read short', async () => {
    // protobufjs alone decodes `0a 05 6b` (a 5-byte key holding 1 byte) as the key "k".
    const truncated = new Promise((resolve, reject) => {
      client.client.makeUnaryRequest(
        '/podmesh.kv.v1.KeyValueService/Put',
        (value: Buffer) => value,
        (reply: Buffer) => reply,
        Buffer.from([0x0a, 0x05, 0x6b]),
        { deadline: Date.now() + 10_000 },
        (error, reply) => (error ? reject(error) : resolve(reply)),
      );
    });
    await failsWith(truncated, 'INTERNAL');
    await failsWith(client.get('k'), 'NOT_FOUND');
  });

  test('valid UTF-8 sent as bytes is the same key as the string', async () => {
    await raw('Put', KeyRequest, { key: Buffer.from('clé', 'utf8'), value: Buffer.from('v') });
    assert.equal((await client.get('clé')).toString(), 'v');
  });
});
