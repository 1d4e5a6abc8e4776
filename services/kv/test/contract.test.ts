import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { connectKv, failsWith, type KvTestClient } from './kvClient.ts';

const MiB = 1024 * 1024;

describe('kv contract', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kv-contract-'));
  let kv: ServiceProcess | undefined;
  let client: KvTestClient;
  const url = () => (kv as ServiceProcess).url;
  before(async () => {
    kv = await startService('kv', { env: { KV_DATA_DIR: dataDir, LOG_REQUESTS: 'false' } });
    client = connectKv(kv.grpcPort);
  });
  after(async () => {
    client?.close();
    await stopAll([kv]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('Put then Get returns the same bytes; Delete removes the key once', async () => {
    const value = Buffer.from([0, 1, 2, 255, 254]);
    await client.put('contract/a', value);
    assert.deepEqual(await client.get('contract/a'), value);
    assert.equal(await client.remove('contract/a'), true);
    assert.equal(await client.remove('contract/a'), false);
    const details = await failsWith(client.get('contract/a'), 'NOT_FOUND');
    assert.equal(details, 'key "contract/a" does not exist');
  });

  test('keys are 1–512 bytes of UTF-8, on every method', async () => {
    const tooLong = 'k'.repeat(513);
    const multiByteTooLong = 'é'.repeat(257); // 514 bytes, 257 characters
    for (const key of ['', tooLong, multiByteTooLong]) {
      await failsWith(client.get(key), 'INVALID_ARGUMENT');
      await failsWith(client.put(key, 'v'), 'INVALID_ARGUMENT');
      await failsWith(client.remove(key), 'INVALID_ARGUMENT');
      await failsWith(client.increment(key, 1), 'INVALID_ARGUMENT');
    }
    assert.equal(await failsWith(client.get(''), 'INVALID_ARGUMENT'), 'key must not be empty');
    assert.equal(
      await failsWith(client.get(tooLong), 'INVALID_ARGUMENT'),
      'key is 513 bytes; the limit is 512',
    );
    const longest = 'k'.repeat(512);
    await client.put(longest, 'fits');
    assert.equal((await client.get(longest)).toString(), 'fits');
  });

  test('values up to 1 MiB are stored; 1 MiB + 1 byte is INVALID_ARGUMENT, not a transport error', async () => {
    const largest = Buffer.alloc(MiB, 7);
    await client.put('contract/large', largest);
    assert.deepEqual(await client.get('contract/large'), largest);
    const details = await failsWith(client.put('contract/large', Buffer.alloc(MiB + 1)), 'INVALID_ARGUMENT');
    assert.match(details, /1048577 bytes; the limit is 1048576/);
    assert.deepEqual(await client.get('contract/large'), largest, 'a refused Put changes nothing');
  });

  test('Increment adds int64 deltas atomically and refuses non-integers and overflow', async () => {
    assert.equal(await client.increment('contract/n', 1), 1n);
    assert.equal(await client.increment('contract/n', 41), 42n);
    assert.equal(await client.increment('contract/n', -50), -8n);
    assert.equal(await client.increment('contract/n', 0), -8n);
    assert.equal((await client.get('contract/n')).toString(), '-8');
    await client.put('contract/text', 'hello');
    const details = await failsWith(client.increment('contract/text', 1), 'FAILED_PRECONDITION');
    assert.equal(
      details,
      'key "contract/text" holds a value that is not a decimal int64 ("hello"); Increment needs one',
    );
    assert.equal((await client.get('contract/text')).toString(), 'hello');
    await client.put('contract/max', '9223372036854775807');
    await failsWith(client.increment('contract/max', 1), 'OUT_OF_RANGE');
    assert.equal(await client.increment('contract/max', -1), 9223372036854775806n);
  });

  test('500 concurrent Increments each get a distinct value and the total is exact', async () => {
    const values = await Promise.all(
      Array.from({ length: 500 }, () => client.increment('contract/concurrent', 1)),
    );
    assert.deepEqual(
      values.map(Number).sort((a, b) => a - b),
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
  });

  test('List pages through a prefix in byte order and only that prefix', async () => {
    const keys = Array.from({ length: 250 }, (_, i) => `list/${String(i).padStart(3, '0')}`);
    await Promise.all(keys.map((key) => client.put(key, `v${key}`)));
    await client.put('listx', 'outside the prefix');
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await client.list({ prefix: 'list/', page_size: 100, page_token: token });
      for (const entry of page.entries) assert.equal(entry.value.toString(), `v${entry.key}`);
      seen.push(...page.entries.map((entry) => entry.key));
      token = page.next_page_token;
      pages++;
    } while (token !== '' && pages < 10);
    assert.equal(pages, 3);
    assert.deepEqual(seen, keys);
    const keysOnly = await client.list({ prefix: 'list/', page_size: 2, keys_only: true });
    assert.deepEqual(
      keysOnly.entries.map((entry) => [entry.key, entry.value.length]),
      [
        ['list/000', 0],
        ['list/001', 0],
      ],
    );
    await failsWith(client.list({ prefix: 'list/', page_size: 1001 }), 'INVALID_ARGUMENT');
    await failsWith(
      client.list({ prefix: 'other/', page_token: keysOnly.next_page_token }),
      'INVALID_ARGUMENT',
    );
  });

  test('a page token works only for the prefix and page size it was handed out for', async () => {
    await Promise.all(['tok/a', 'tok/b', 'tok/c', 'tok/d'].map((key) => client.put(key, 'v')));
    const first = await client.list({ prefix: 'tok/', page_size: 2 });
    const token = first.next_page_token;
    const second = await client.list({ prefix: 'tok/', page_size: 2, page_token: token });
    assert.deepEqual(
      second.entries.map((entry) => entry.key),
      ['tok/c', 'tok/d'],
    );
    const refused = [
      { prefix: 'tok', page_size: 2, page_token: token }, // another prefix that still covers the key
      { prefix: '', page_size: 2, page_token: token },
      { prefix: 'tok/', page_size: 3, page_token: token }, // another page size
      { prefix: 'tok/', page_size: 0, page_token: token },
      // Forged: the last key as base64url (the old token format), and the token with its key edited.
      { prefix: 'tok/', page_size: 2, page_token: Buffer.from('tok/b').toString('base64url') },
      {
        prefix: 'tok/',
        page_size: 2,
        page_token: (() => {
          const bytes = Buffer.from(token, 'base64url');
          bytes[bytes.length - 17] = 0x61; // the key's last byte: tok/b → tok/a
          return bytes.toString('base64url');
        })(),
      },
      { prefix: 'tok/', page_size: 2, page_token: `${token}A` },
      { prefix: 'tok/', page_size: 2, page_token: 'not a token' },
    ];
    for (const request of refused) {
      const details = await failsWith(client.list(request), 'INVALID_ARGUMENT');
      assert.match(details, /page_token was not handed out by this List/);
    }
  });

  test('an unknown method is UNIMPLEMENTED', async () => {
    const status = await new Promise<grpc.ServiceError | null>((resolve) => {
      client.client.makeUnaryRequest(
        '/podmesh.kv.v1.KeyValueService/Compact',
        (value: Buffer) => value,
        (value: Buffer) => value,
        Buffer.alloc(0),
        (error) => resolve(error),
      );
    });
    assert.equal(status?.code, grpc.status.UNIMPLEMENTED);
  });

  test('HTTP serves only health and metrics', async () => {
    assert.equal((await fetch(`${url()}/readyz`)).status, 200);
    const metrics = await (await fetch(`${url()}/metrics`)).text();
    assert.match(metrics, /grpc_server_handled_total\{[^}]*grpc_method="Increment",grpc_code="OK"/);
    // go-grpc-prometheus's labels: grpc_type, and codes.Code.String() (`InvalidArgument`, not `INVALID_ARGUMENT`).
    assert.match(metrics, /grpc_server_handled_total\{grpc_type="unary",[^}]*grpc_method="Increment"/);
    assert.match(metrics, /grpc_server_handled_total\{[^}]*grpc_method="List",grpc_code="InvalidArgument"/);
    const unknown = await fetch(`${url()}/keys/a`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'not_found');
  });
});
