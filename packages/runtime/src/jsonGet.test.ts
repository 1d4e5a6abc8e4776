import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { Pool } from 'undici';
import { AttemptTimeout, jsonGet } from './jsonGet.ts';

const server = createServer((request, response) => {
  if (request.url === '/slow') return void setTimeout(() => response.end('{}'), 2000);
  if (request.url === '/text') return void response.end('not json');
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ path: request.url, header: request.headers['x-test'] ?? null }));
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
// One connection, so a second call waits in the pool's queue behind a slow one.
const pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 1 });
after(async () => {
  await pool.destroy();
  server.closeAllConnections();
  server.close();
});

test('answers the status and the parsed body, sending the given headers', async () => {
  assert.deepEqual(await jsonGet(pool, '/users/7', { 'x-test': 'yes' }, 1000), {
    status: 200,
    body: { path: '/users/7', header: 'yes' },
  });
});

test('a body that is not JSON is an error naming the status', async () => {
  await assert.rejects(jsonGet(pool, '/text', {}, 1000), /answered 200 with a body that is not JSON/);
});

test('times out on a slow answer, and also while still queued for a connection', async () => {
  const started = performance.now();
  const slow = jsonGet(pool, '/slow', {}, 200);
  const queued = jsonGet(pool, '/users/1', {}, 50); // gives up before the slow call frees the connection
  await Promise.all([assert.rejects(slow, AttemptTimeout), assert.rejects(queued, AttemptTimeout)]);
  assert.ok(performance.now() - started < 1000, 'both settled by their own timers, not the server');
});
