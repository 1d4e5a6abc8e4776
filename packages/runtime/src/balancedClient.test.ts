import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { createBalancedClient } from './balancedClient.ts';
import { createLogger } from './logger.ts';

const server = createServer((request, response) => {
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ path: request.url }));
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
after(() => {
  server.closeAllConnections();
  server.close();
});
const log = createLogger({ service: 'test', version: '0', level: 'silent', destination: { write() {} } });

test('a call that finds no replica known looks them up again at once, instead of failing until the next refresh', async () => {
  // As a headless Service resolves while no users pod is ready yet, and a moment later.
  const answers: string[][] = [[], [address]];
  let lookups = 0;
  const client = createBalancedClient({
    target: {
      description: 'test',
      resolve: async () => answers[Math.min(lookups++, answers.length - 1)] ?? [],
    },
    log,
    deadlineMs: 1000,
    attempts: 2,
    refreshMs: 60_000,
  });
  try {
    const [first, second] = await Promise.all([client.getJson('/users/1'), client.getJson('/users/2')]);
    assert.deepEqual([first.status, first.replica, first.body], [200, address, { path: '/users/1' }]);
    assert.equal(second.status, 200);
    assert.equal(lookups, 2, 'calls that find none known share one new lookup');
  } finally {
    await client.close();
  }
});

test('with still no replica known, the call fails as unavailable', async () => {
  const client = createBalancedClient({
    target: { description: 'test', resolve: async () => [] },
    log,
    deadlineMs: 500,
    attempts: 2,
    refreshMs: 60_000,
  });
  try {
    await assert.rejects(client.getJson('/users/1'), { name: 'Error', reason: 'unavailable' });
  } finally {
    await client.close();
  }
});
