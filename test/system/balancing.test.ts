// countries balances every request over all users replicas, survives one dying, and recovers when they return.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readJson } from '@podmesh/testkit/http';
import { metricValue, runLoad } from '@podmesh/testkit/load';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';

const usersCalls = (users: ServiceProcess) =>
  metricValue(users.url, 'http_requests_total', { route: '/users/:user_id', code: '200' });

describe('countries → users per-request balancing', () => {
  let users: ServiceProcess[] = [];
  let countries: ServiceProcess | undefined;
  before(async () => {
    users = [await startService('users'), await startService('users')];
    countries = await startService('countries', {
      env: {
        USERS_TARGET: `ipv4:${users.map((u) => `127.0.0.1:${u.httpPort}`).join(',')}`,
        USERS_DEADLINE_MS: '1000',
      },
    });
  });
  after(() => stopAll([countries, ...users]));

  test('2,000 requests through one countries process: each users replica serves 50% ± 5%', async () => {
    const before = await Promise.all(users.map(usersCalls));
    const result = await runLoad({
      url: countries!.url,
      path: (i) => `/countries?user_id=${i + 1}`,
      total: 2000,
      concurrency: 16,
    });
    assert.equal(
      result.statuses.get(200),
      2000,
      `statuses ${[...result.statuses]} errors ${result.errors[0]}`,
    );
    const served = (await Promise.all(users.map(usersCalls))).map((after, i) => after - (before[i] ?? 0));
    for (const count of served) {
      assert.ok(Math.abs(count / 2000 - 0.5) <= 0.05, `share ${count}/2000 outside 50% ± 5% (${served})`);
    }
  });

  test('kill -9 one users replica mid-stream: at most 0.1% of 2,000 requests fail', async () => {
    const victim = users[1]!;
    const result = await runLoad({
      url: countries!.url,
      path: (i) => `/countries?user_id=${i + 1}`,
      total: 2000,
      concurrency: 16,
      onProgress: (done) => {
        if (done === 500) victim.child.kill('SIGKILL');
      },
    });
    const failed = 2000 - (result.statuses.get(200) ?? 0);
    assert.ok(failed <= 2, `${failed} failed: ${[...result.statuses]} ${result.errors.slice(0, 3)}`);
    await victim.exited;
  });

  test('all users replicas down → 503 JSON within the deadline; back up → 200 without restarting countries', async () => {
    await stopAll(users);
    const started = Date.now();
    const response = await fetch(`${countries!.url}/countries?user_id=7`);
    const elapsed = Date.now() - started;
    assert.equal(response.status, 503);
    assert.equal((await readJson(response)).error.code, 'unavailable');
    assert.ok(elapsed <= 1500, `took ${elapsed} ms, deadline is 1000 ms`);
    users = [await startService('users', { httpPort: users[0]!.httpPort })];
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      status = (await fetch(`${countries!.url}/countries?user_id=7`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(status, 200);
  });

  test('a frozen users replica (SIGSTOP: no answer, no reset) costs one attempt, not the call; both frozen → 504', async () => {
    const [first, second] =
      users.length === 2 ? users : [await startService('users'), await startService('users')];
    const frozen = await startService('countries', {
      env: {
        USERS_TARGET: `ipv4:127.0.0.1:${first!.httpPort},127.0.0.1:${second!.httpPort}`,
        USERS_DEADLINE_MS: '1000',
      },
    });
    try {
      first!.child.kill('SIGSTOP');
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await fetch(`${frozen.url}/countries?user_id=${i + 1}`)).status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200]);
      second!.child.kill('SIGSTOP');
      const started = Date.now();
      const response = await fetch(`${frozen.url}/countries?user_id=9`);
      const elapsed = Date.now() - started;
      assert.equal(response.status, 504);
      assert.equal((await readJson(response)).error.code, 'deadline_exceeded');
      assert.ok(elapsed < 1500, `answered after ${elapsed} ms (deadline 1000 ms)`);
    } finally {
      first!.child.kill('SIGCONT');
      second!.child.kill('SIGCONT');
      await stopAll([frozen, first, second]);
    }
  });
});
