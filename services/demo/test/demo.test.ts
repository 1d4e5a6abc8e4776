// The demo service as a real process: the original app's bodies, delays, random errors and histogram.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { createRandom } from '../src/random.ts';
import { createRandomError } from '../src/randomError.ts';

const seed = 20_260_423;
let demo: ServiceProcess;
const started: ServiceProcess[] = [];

before(async () => {
  demo = await startService('demo', {
    env: { RANDOM_SEED: String(seed), SERVICE_NAME: '', LOG_LEVEL: 'warn' },
  });
  started.push(demo);
});
after(() => stopAll(started));

async function get(service: ServiceProcess, path: string) {
  const response = await fetch(`${service.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

/** `http_server_resp_time_count` per label set, from one scrape. */
async function responseTimeCounts(service: ServiceProcess): Promise<Map<string, number>> {
  const text = (await get(service, '/metrics')).body;
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/^http_server_resp_time_count\{([^}]*)\} (\d+)$/gm)) {
    counts.set(match[1] as string, Number(match[2]));
  }
  return counts;
}

test('/demo/hello answers the original text', async () => {
  assert.deepEqual(await get(demo, '/demo/hello'), {
    status: 200,
    type: 'text/plain; charset=utf-8',
    body: 'hello, world!\n',
  });
});

test('?delay= waits that many milliseconds first', async () => {
  const started = performance.now();
  const answer = await get(demo, '/demo/hello?delay=400');
  const elapsed = performance.now() - started;
  assert.equal(answer.body, 'hello, world!\n');
  assert.ok(elapsed >= 400, `answered after ${elapsed} ms`);
  assert.ok(elapsed < 400 + 300, `answered after ${elapsed} ms`);
});

test('a bad or out-of-range delay is a 400 JSON error, at once', async () => {
  for (const delay of ['abc', '-5', '10001', '2.5']) {
    const started = performance.now();
    const answer = await get(demo, `/demo/hello?delay=${delay}`);
    assert.equal(answer.status, 400, delay);
    assert.equal(answer.type, 'application/json; charset=utf-8');
    assert.equal(JSON.parse(answer.body).error.code, 'invalid_argument');
    // Refused before any wait: far below the 10 s a 10001 ms delay would have cost.
    assert.ok(performance.now() - started < 1000);
  }
});

test('an unknown path is a 404 JSON error, a wrong method a 405', async () => {
  const answer = await get(demo, '/demo/nope');
  assert.equal(answer.status, 404);
  assert.equal(JSON.parse(answer.body).error.code, 'not_found');
  const post = await fetch(`${demo.url}/demo/hello`, { method: 'POST' });
  assert.equal(post.status, 405);
  assert.equal(JSON.parse(await post.text()).error.code, 'method_not_allowed');
});

test('/demo/random-error over HTTP follows the seeded generator, one in ten failing', async () => {
  const expected = createRandomError(0.1, createRandom(seed));
  const calls = 500;
  let errors = 0;
  for (let call = 0; call < calls; call++) {
    const answer = await get(demo, '/demo/random-error');
    const want = expected();
    assert.equal(answer.status, want.status, `call ${call}`);
    assert.equal(answer.body, want.body);
    assert.equal(answer.type, 'text/plain; charset=utf-8');
    if (answer.status === 500) errors++;
  }
  // 500 calls: the binomial standard deviation is 1.3 points; 4 points is three of them.
  assert.ok(Math.abs(errors / calls - 0.1) <= 0.04, `${errors} errors in ${calls} calls`);
});

test('ERROR_PROBABILITY 0 never fails and 1 always fails', async () => {
  const [never, always] = await Promise.all([
    startService('demo', { env: { ERROR_PROBABILITY: '0', LOG_LEVEL: 'warn' } }),
    startService('demo', { env: { ERROR_PROBABILITY: '1', LOG_LEVEL: 'warn' } }),
  ]);
  started.push(never, always);
  for (let call = 0; call < 100; call++) {
    assert.equal((await get(never, '/demo/random-error')).body, 'Everything is still OK\n');
    const failure = await get(always, '/demo/random-error');
    assert.equal(failure.status, 500);
    assert.equal(failure.body, 'ERROR: Something, somewhere, went wrong!\n');
  }
});

test('an invalid ERROR_PROBABILITY stops the process with a config error', async () => {
  const bad = await startService('demo', { env: { ERROR_PROBABILITY: '1.5' }, waitReady: false });
  started.push(bad);
  assert.equal((await bad.exited).code, 1);
  assert.match(bad.stderr.join('\n'), /ERROR_PROBABILITY=1\.5 must be between 0 and 1/);
});

test('http_server_resp_time counts every request with service, code, method and path', async () => {
  const service = await startService('demo', {
    env: { SERVICE_NAME: 'demo-under-test', ERROR_PROBABILITY: '1', LOG_LEVEL: 'warn' },
  });
  started.push(service);
  const before = await responseTimeCounts(service);
  const label = (code: number, path: string) =>
    `service="demo-under-test",code="${code}",method="GET",path="${path}"`;
  for (let i = 0; i < 7; i++) await get(service, '/demo/hello');
  for (let i = 0; i < 3; i++) await get(service, '/demo/hello?delay=x');
  for (let i = 0; i < 5; i++) await get(service, '/demo/random-error');
  for (let i = 0; i < 2; i++) await get(service, '/no/such/path');
  const after = await responseTimeCounts(service);
  const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
  assert.equal(delta(label(200, '/demo/hello')), 7);
  assert.equal(delta(label(400, '/demo/hello')), 3);
  assert.equal(delta(label(500, '/demo/random-error')), 5);
  assert.equal(delta(label(404, 'unmatched')), 2);
  // The first scrape is itself a request, counted once it finished.
  assert.equal(delta(label(200, '/metrics')), 1);
  // Beside the runtime's standard metrics.
  const text = (await get(service, '/metrics')).body;
  const helloOk = text
    .split('\n')
    .find(
      (line) =>
        line.startsWith('http_requests_total{') &&
        line.includes('route="/demo/hello"') &&
        line.includes('code="200"'),
    );
  assert.match(helloOk ?? '', / 7$/);
  assert.match(text, /^# TYPE process_cpu_seconds_total counter$/m);
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);
  assert.equal(total(after) - total(before), 7 + 3 + 5 + 2 + 1);
});

test('without SERVICE_NAME the histogram is labelled go-demo, like the original', async () => {
  await get(demo, '/demo/hello');
  const counts = await responseTimeCounts(demo);
  assert.ok(
    counts.has('service="go-demo",code="200",method="GET",path="/demo/hello"'),
    [...counts.keys()].join(),
  );
});
