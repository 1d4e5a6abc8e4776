// The demo service as a real process: the original app's bodies, delays, random errors and histogram.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';

// The spec's bodies, written out here rather than imported from the service.
const okBody = 'Everything is still OK\n';
const errorBody = 'ERROR: Something, somewhere, went wrong!\n';
const textPlain = 'text/plain; charset=utf-8';

let demo: ServiceProcess;
const started: ServiceProcess[] = [];

before(async () => {
  demo = await startService('demo', {
    env: { SERVICE_NAME: '', LOG_LEVEL: 'warn' }, // ERROR_PROBABILITY and RANDOM_SEED left at their defaults
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
    type: textPlain,
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

/**
 * The acceptance interval of a Binomial(n, p) count: the count falls outside it with probability at most
 * `falseFailure` (half below, half above), from the exact distribution, summed in log space so that no term
 * underflows.
 */
function binomialBounds(n: number, p: number, falseFailure: number): { low: number; high: number } {
  if (p === 0 || p === 1) return { low: n * p, high: n * p };
  const logPmf = [n * Math.log1p(-p)];
  for (let k = 0; k < n; k++) {
    logPmf.push((logPmf[k] as number) + Math.log((n - k) / (k + 1)) + Math.log(p / (1 - p)));
  }
  const pmf = logPmf.map(Math.exp);
  let low = 0;
  for (let below = 0; below + (pmf[low] as number) <= falseFailure / 2; low++) below += pmf[low] as number;
  let high = n;
  for (let above = 0; above + (pmf[high] as number) <= falseFailure / 2; high--) above += pmf[high] as number;
  return { low, high };
}

test('the binomial bounds match known tail values', () => {
  // Binomial(10, 0.5): P(X = 0) = 1/1024 ≈ 0.00098, P(X <= 1) = 11/1024 ≈ 0.0107, P(X <= 2) = 56/1024 ≈ 0.055.
  assert.deepEqual(binomialBounds(10, 0.5, 0.03), { low: 2, high: 8 });
  assert.deepEqual(binomialBounds(10, 0.5, 0.02), { low: 1, high: 9 });
  assert.deepEqual(binomialBounds(10, 0.5, 0.002), { low: 1, high: 9 });
  assert.deepEqual(binomialBounds(10, 0.5, 0.0019), { low: 0, high: 10 });
  assert.deepEqual(binomialBounds(2000, 0, 1e-6), { low: 0, high: 0 });
});

/** `calls` calls of /demo/random-error, 8 at a time; every answer must be one of the spec's two, exactly. */
async function randomErrors(service: ServiceProcess, calls: number): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const call = next++;
      const answer = await get(service, '/demo/random-error');
      assert.ok(answer.status === 200 || answer.status === 500, `call ${call}: status ${answer.status}`);
      const body = answer.status === 500 ? errorBody : okBody;
      assert.deepEqual(answer, { status: answer.status, type: textPlain, body }, `call ${call}`);
      statuses[call] = answer.status;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return statuses;
}

const FALSE_FAILURE = 1e-6; // the chance that a correct service fails one share check below

async function checkErrorShare(service: ServiceProcess, probability: number, calls = 2000) {
  const errors = (await randomErrors(service, calls)).filter((status) => status === 500).length;
  const { low, high } = binomialBounds(calls, probability, FALSE_FAILURE);
  console.log(
    `ERROR_PROBABILITY ${probability}: ${errors} errors in ${calls} calls (accepted ${low}–${high})`,
  );
  assert.ok(low <= errors && errors <= high, `${errors} errors in ${calls} calls, outside ${low}–${high}`);
}

test('/demo/random-error fails one call in ten by default: the error count is within its binomial bounds', async () => {
  await checkErrorShare(demo, 0.1);
});

test('the configured ERROR_PROBABILITY is honoured: 0 never fails, 1 always fails, 0.3 within its bounds', async () => {
  const services = await Promise.all(
    ['0', '1', '0.3'].map((probability) =>
      startService('demo', { env: { ERROR_PROBABILITY: probability, LOG_LEVEL: 'warn' } }),
    ),
  );
  started.push(...services);
  const [never, always, some] = services as [ServiceProcess, ServiceProcess, ServiceProcess];
  await checkErrorShare(never, 0, 200);
  await checkErrorShare(always, 1, 200);
  await checkErrorShare(some, 0.3);
});

test('RANDOM_SEED makes the outcomes repeatable across processes; another seed gives others', async () => {
  const services = await Promise.all(
    ['17', '17', '18'].map((seed) => startService('demo', { env: { RANDOM_SEED: seed, LOG_LEVEL: 'warn' } })),
  );
  started.push(...services);
  // One call at a time per process, so each sequence is in the order its process drew.
  const sequences: number[][] = [];
  for (const service of services) {
    const statuses: number[] = [];
    for (let call = 0; call < 200; call++) statuses.push((await get(service, '/demo/random-error')).status);
    sequences.push(statuses);
  }
  assert.deepEqual(sequences[0], sequences[1], 'the same seed');
  // Two independent 200-call sequences at p = 0.1 agree call by call with probability 0.82^200 ≈ 6e-18.
  assert.notDeepEqual(sequences[0], sequences[2], 'another seed');
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
