// countries through the exposed port (kubectl port-forward, as docs/deploy.md tells a dev user), balanced per
// request over every users replica; the replica counts of the dev values; users scaled alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { probe } from '../cluster/probe.ts';
import { kubectl, requireEnvironment } from './support/environment.ts';
import { percentile, startLoad } from './support/load.ts';
import { podMetric } from './support/metrics.ts';
import { podsOf, waitForReadyPods } from './support/pods.ts';
import { type PortForward, portForward } from './support/portForward.ts';
import { clusterUrl } from './support/services.ts';

// Outside `npm run e2e` this file fails, saying how to run it (a skip would pass with 0 tests).
requireEnvironment();

const usersServed = (ip: string) =>
  podMetric(ip, 'http_requests_total', { route: '/users/:user_id', code: '200' });

describe('countries and users on the real node', () => {
  let forward: PortForward;
  before(async () => {
    forward = await portForward('svc/countries', 8080);
  });
  after(() => forward?.close());

  it('runs users ×2 and countries ×3, all on the real node', async () => {
    const users = await waitForReadyPods('users', 2);
    const countries = await waitForReadyPods('countries', 3);
    for (const pod of [...users, ...countries]) assert.equal(pod.spec?.nodeName, 'podmesh-node');
  });

  it('answers GET /countries through the exposed port, and 400 for a bad id', async () => {
    const { status, body } = await probe(`http://127.0.0.1:${forward.port}/countries?user_id=1234`);
    assert.equal(status, 200, body);
    const answer = JSON.parse(body) as { user_id: string; name: string; country: string };
    assert.equal(answer.user_id, '1234');
    assert.match(answer.name, /^\S+ \S+/);
    assert.ok(answer.country.length > 1);
    const bad = await probe(`http://127.0.0.1:${forward.port}/countries?user_id=abc`);
    assert.equal(bad.status, 400);
  });

  it('spreads the calls to users over every users replica', async () => {
    const users = await waitForReadyPods('users', 2);
    const ips = users.map((pod) => pod.status?.podIP as string);
    const before_ = await Promise.all(ips.map(usersServed));
    const calls = 60;
    for (let i = 0; i < calls; i++) {
      const { status } = await probe(`http://127.0.0.1:${forward.port}/countries?user_id=${1000 + i}`);
      assert.equal(status, 200);
    }
    const shares = (await Promise.all(ips.map(usersServed))).map((count, i) => count - (before_[i] ?? 0));
    console.log(`[e2e] ${calls} countries calls → users replicas served ${shares.join(' / ')}`);
    assert.ok(shares.reduce((a, b) => a + b, 0) >= calls, 'every countries call reached users');
    for (const share of shares)
      assert.ok(share >= calls / 10, `each replica gets a share: ${shares.join(' / ')}`);
  });

  it('scales users to 5 and back to 2 without touching countries', async () => {
    const countriesBefore = (await podsOf('countries')).map((pod) => pod.metadata?.uid).sort();
    await kubectl(['scale', 'deployment/users', '--replicas=5']);
    await waitForReadyPods('users', 5);
    await kubectl(['scale', 'deployment/users', '--replicas=2']);
    await waitForReadyPods('users', 2);
    const countriesAfter = (await podsOf('countries')).map((pod) => pod.metadata?.uid).sort();
    assert.deepEqual(countriesAfter, countriesBefore, 'countries pods untouched');
    const { status } = await probe(`http://127.0.0.1:${forward.port}/countries?user_id=42`);
    assert.equal(status, 200);
  });

  it('serves a steady load through its Service without errors (figures for docs/performance/e2e.md)', async () => {
    const url = await clusterUrl('countries');
    const started = Date.now();
    const result = await startLoad((i) => `${url}/countries?user_id=${(i % 5000) + 1}`, {
      concurrency: 8,
      maxMs: 15_000,
    }).done;
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `[e2e] countries steady load: ${result.requests} requests in ${seconds.toFixed(1)} s ` +
        `(${Math.round(result.requests / seconds)}/s), p50 ${percentile(result.latenciesMs, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(result.latenciesMs, 99).toFixed(1)} ms, ${result.failures.length} failed`,
    );
    assert.deepEqual(result.failures, []);
  });
});
