import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readJson } from '@podmesh/testkit/http';
import { metricValue } from '@podmesh/testkit/load';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';

describe('countries', () => {
  let users: ServiceProcess | undefined;
  let countries: ServiceProcess | undefined;
  before(async () => {
    users = await startService('users');
    countries = await startService('countries', {
      env: { USERS_TARGET: `ipv4:127.0.0.1:${users.httpPort}` },
    });
  });
  after(() => stopAll([countries, users]));

  test('GET /countries?user_id= answers name (from users) and country', async () => {
    const response = await fetch(`${countries!.url}/countries?user_id=1234`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = await readJson(response);
    const user = await readJson(await fetch(`${users!.url}/users/1234`));
    assert.deepEqual(Object.keys(body).sort(), ['country', 'name', 'user_id']);
    assert.equal(body.user_id, '1234');
    assert.equal(body.name, user.name);
    assert.match(body.country, /^[A-Z][A-Za-z ]+$/);
    const again = await readJson(await fetch(`${countries!.url}/countries?user_id=1234`));
    assert.deepEqual(again, body, 'the country is a pure function of the id');
  });

  const badQueries = {
    missing: '',
    empty: '?user_id=',
    'non-digit': '?user_id=abc',
    negative: '?user_id=-5',
    '19 digits': '?user_id=1234567890123456789',
    unicode: `?user_id=${encodeURIComponent('٣٤')}`,
    repeated: '?user_id=1&user_id=2',
  };
  for (const [name, query] of Object.entries(badQueries)) {
    test(`${name} user_id → 400 JSON, checked before any call to users`, async () => {
      const callsBefore = await metricValue(users!.url, 'http_requests_total', { route: '/users/:user_id' });
      const response = await fetch(`${countries!.url}/countries${query}`);
      assert.equal(response.status, 400);
      assert.deepEqual(await readJson(response), {
        error: { code: 'invalid_argument', message: 'user_id must be 1–18 decimal digits' },
      });
      const callsAfter = await metricValue(users!.url, 'http_requests_total', { route: '/users/:user_id' });
      assert.equal(callsAfter, callsBefore);
    });
  }

  test('unknown path → 404 JSON; POST → 405 JSON', async () => {
    const missing = await fetch(`${countries!.url}/country`);
    assert.equal(missing.status, 404);
    assert.equal((await readJson(missing)).error.code, 'not_found');
    const post = await fetch(`${countries!.url}/countries?user_id=1`, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal((await readJson(post)).error.code, 'method_not_allowed');
  });
});
