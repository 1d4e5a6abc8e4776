import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTarget } from './target.ts';

test('ipv4: lists are used as given', async () => {
  assert.deepEqual(await parseTarget('ipv4:127.0.0.1:8090, 127.0.0.1:8091').resolve(), [
    '127.0.0.1:8090',
    '127.0.0.1:8091',
  ]);
});

test('dns: resolves every address of the name', async () => {
  const addresses = await parseTarget('dns:///localhost:8080').resolve();
  assert.ok(addresses.length >= 1);
  for (const address of addresses) assert.match(address, /:8080$/);
});

test('bad targets are refused with a readable message', () => {
  assert.throws(() => parseTarget('users:8080'), /must start with dns: or ipv4:/);
  assert.throws(() => parseTarget('dns:///users'), /dns:\/\/\/name:port/);
  assert.throws(() => parseTarget('ipv4:'), /ipv4:host:port/);
});
