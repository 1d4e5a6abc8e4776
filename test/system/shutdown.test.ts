// SIGTERM under load: readiness drops at once, every accepted request completes, the process exits 0.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad } from '@podmesh/testkit/load';
import { repoRoot, startService } from '@podmesh/testkit/processes';

test('SIGTERM under load: requests keep succeeding while draining, readiness is 503, exit 0', async () => {
  // As in a cluster: traffic keeps arriving for a while after SIGTERM (endpoints lag), then stops before the
  // drain delay ends; the server must answer all of it and then exit 0.
  const users = await startService('users', { env: { DRAIN_DELAY_MS: '1500' } });
  const load = runLoad({
    url: users.url,
    path: (i) => `/users/${i}`,
    total: 100_000,
    concurrency: 8,
    maxMs: 1200,
  });
  await sleep(300);
  users.child.kill('SIGTERM');
  await sleep(100);
  const readiness = await fetch(`${users.url}/readyz`);
  assert.equal(readiness.status, 503);
  const result = await load;
  const { code } = await users.exited;
  assert.equal(code, 0);
  assert.deepEqual(result.errors, []);
  assert.deepEqual([...result.statuses.keys()], [200]);
  assert.ok((result.statuses.get(200) ?? 0) > 100, 'the load really ran');
  const logged = users.logs.filter((line) => line.route === '/users/:user_id').length;
  assert.equal(logged, result.statuses.get(200), 'every answered request was logged once');
});

test('a second signal exits at once', async () => {
  const users = await startService('users', { env: { DRAIN_DELAY_MS: '10000' } });
  users.child.kill('SIGTERM');
  await sleep(100);
  const started = Date.now();
  users.child.kill('SIGINT');
  const { code } = await users.exited;
  assert.equal(code, 1);
  assert.ok(Date.now() - started < 2000);
});

test('a bad setting exits 1 with one line naming the variable, no stack trace', () => {
  const result = spawnSync(process.execPath, [`${repoRoot}services/users/src/main.ts`], {
    env: { ...process.env, PORT: 'abc' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(result.status, 1);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0] ?? '', /^config error: PORT="abc" is invalid/);
  assert.doesNotMatch(result.stderr, /\bat .*\.ts:\d+/);
});

test('a missing required setting names the variable', () => {
  const result = spawnSync(process.execPath, [`${repoRoot}services/countries/src/main.ts`], {
    env: { ...process.env, USERS_TARGET: '' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr.trim(), /^config error: USERS_TARGET/);
});
