import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
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

/** A resolver that gives these answers to successive lookups (the last one from then on), and counts them. */
function successiveAnswers(...answers: string[][]) {
  let lookups = 0;
  return {
    target: {
      description: 'test',
      resolve: async () => answers[Math.min(lookups++, answers.length - 1)] ?? [],
    },
    lookups: () => lookups,
  };
}

test('a call that finds no replica known looks them up again at once, instead of failing until the next refresh', async () => {
  // As a headless Service resolves while no users pod is ready yet, and a moment later.
  const resolver = successiveAnswers([], [address]);
  const client = createBalancedClient({
    target: resolver.target,
    log,
    deadlineMs: 1000,
    attempts: 2,
    refreshMs: 60_000,
  });
  try {
    const [first, second] = await Promise.all([client.getJson('/users/1'), client.getJson('/users/2')]);
    assert.deepEqual([first.status, first.replica, first.body], [200, address, { path: '/users/1' }]);
    assert.equal(second.status, 200);
    assert.equal(resolver.lookups(), 2, 'calls that find none known share one new lookup');
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

test('a replica that resets is looked up again at once, and forgotten when DNS no longer lists it', async () => {
  // A users pod that stopped after its drain delay, while this client still holds the set from its last refresh
  // and DNS has already dropped the pod.
  let resets = 0;
  const stopped = createServer().on('connection', (socket) => {
    resets++;
    socket.destroy();
  });
  stopped.listen(0, '127.0.0.1');
  await once(stopped, 'listening');
  const resolver = successiveAnswers(
    [`127.0.0.1:${(stopped.address() as AddressInfo).port}`, address],
    [address],
  );
  const client = createBalancedClient({
    target: resolver.target,
    log,
    deadlineMs: 1000,
    attempts: 2,
    refreshMs: 60_000,
    ejectMs: 1, // so only the new lookup, not the ejection, can keep later calls off it
  });
  try {
    for (let call = 0; call < 8; call++) {
      const { status, replica } = await client.getJson(`/users/${call}`);
      assert.deepEqual([status, replica], [200, address]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(resets, 1, 'tried once, then gone from the set');
    assert.equal(
      resolver.lookups(),
      2,
      'the reset made one new lookup; the periodic refresh is a minute away',
    );
  } finally {
    await client.close();
    stopped.close();
  }
});

/**
 * An address that takes no new connection, as a pod that is gone while DNS still lists it: a process that listens
 * with a one-slot backlog and never accepts (its event loop blocked), its queue filled here, so further SYNs are
 * dropped and a connect hangs.
 */
async function blackHoledAddress(): Promise<{ address: string; close: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('node:net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         console.log(s.address().port);
         setImmediate(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0));
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const port = Number(String(chunk).trim());
  const queued: Socket[] = [];
  const close = () => {
    for (const socket of queued) socket.destroy();
    child.kill('SIGKILL');
  };
  for (let attempt = 0; attempt < 10; attempt++) {
    const socket = connect(port, '127.0.0.1');
    queued.push(socket);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // A connect that completed is seen in the poll phase, before setImmediate's; a busy loop must not fool this.
    await new Promise((resolve) => setImmediate(resolve));
    if (socket.connecting) return { address: `127.0.0.1:${port}`, close };
  }
  close();
  throw new Error('the listen queue never filled');
}

test('a replica that takes no connection fails the call as unavailable (503), not as a deadline (504)', async () => {
  const gone = await blackHoledAddress();
  const client = createBalancedClient({
    target: { description: 'test', resolve: async () => [gone.address] },
    log,
    deadlineMs: 1000,
    attempts: 2,
    refreshMs: 60_000,
  });
  try {
    await assert.rejects(client.getJson('/users/1'), (error: Error & { reason?: string }) => {
      assert.equal(error.reason, 'unavailable');
      assert.match(error.message, /no connection|connect timeout/i); // whichever timer of the two fires first
      return true;
    });
  } finally {
    await client.close();
    gone.close();
  }
});

test('a replica that took no connection is skipped by the calls after it, not tried by every other one', async () => {
  const gone = await blackHoledAddress();
  const client = createBalancedClient({
    target: { description: 'test', resolve: async () => [gone.address, address] },
    log,
    deadlineMs: 1000,
    attempts: 2,
    refreshMs: 60_000,
    ejectMs: 60_000,
  });
  try {
    const waits: number[] = [];
    for (let call = 0; call < 6; call++) {
      const started = performance.now();
      const { status, replica } = await client.getJson(`/users/${call}`);
      waits.push(performance.now() - started);
      assert.deepEqual([status, replica], [200, address]);
    }
    // Without the ejection nearly every call would try the gone replica first and wait out its 500 ms attempt.
    const slow = waits.filter((ms) => ms >= 400).length;
    assert.ok(slow <= 1, `calls that waited for the gone replica: ${slow} (${waits.map(Math.round)} ms)`);
  } finally {
    await client.close();
    gone.close();
  }
});
