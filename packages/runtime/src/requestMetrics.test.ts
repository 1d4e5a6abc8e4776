import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Counter, Histogram, Registry } from 'prom-client';
import { RequestMetrics } from './requestMetrics.ts';

const buckets = [0.001, 0.01, 0.1, 1];
const labelNames = ['method', 'route', 'code'] as const;
const counter = { name: 'http_requests_total', help: 'HTTP requests served.' };
const histogram = { name: 'http_request_duration_seconds', help: 'Time to serve an HTTP request.' };
// On a bound, between bounds, above the highest, zero; repeated series and a label value that needs escaping.
const requests: Array<[string, string, number, number]> = [
  ['GET', '/users/:user_id', 200, 0.0004],
  ['GET', '/users/:user_id', 200, 0.01],
  ['GET', '/users/:user_id', 404, 0.2],
  ['POST', '/', 200, 3],
  ['GET', '/users/:user_id', 200, 0],
  ['GET', 'a "quoted"\\route\n', 500, 0.05],
];

/** The same requests through prom-client's own Counter and Histogram, the reference. */
function promClientRegistry(): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'users' });
  const options = { labelNames: ['service', ...labelNames], registers: [registry] };
  const count = new Counter({ ...counter, ...options });
  const time = new Histogram({ ...histogram, ...options, buckets });
  for (const [method, route, code, seconds] of requests) {
    const labels = { service: 'users', method, route, code: String(code) };
    count.inc(labels);
    time.observe(labels, seconds);
  }
  return registry;
}

function requestMetricsRegistry(): [Registry, RequestMetrics] {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'users' });
  const metrics = new RequestMetrics({
    registry,
    counter,
    histogram,
    labelNames,
    constantLabels: { service: 'users' },
    buckets,
  });
  for (const request of requests) metrics.record(...request);
  return [registry, metrics];
}

test('the text exposition is the one prom-client gives for the same requests', async () => {
  const [registry] = requestMetricsRegistry();
  assert.equal(await registry.metrics(), await promClientRegistry().metrics());
});

test('the JSON exposition is the one prom-client gives for the same requests', async () => {
  const [registry] = requestMetricsRegistry();
  // Through JSON, as a scraper sees it: prom-client's values carry an `exemplar: undefined` that is not data.
  const asJson = async (of: Registry) => JSON.parse(JSON.stringify(await of.getMetricsAsJSON()));
  assert.deepEqual(await asJson(registry), await asJson(promClientRegistry()));
});

test('resetting the registry empties both metrics', async () => {
  const [registry, metrics] = requestMetricsRegistry();
  registry.resetMetrics();
  const text = await registry.metrics();
  assert.doesNotMatch(text, /^http_/m);
  metrics.record('GET', '/', 200, 0.002);
  assert.match(await registry.metrics(), /^http_requests_total\{.*code="200".*\} 1$/m);
});
