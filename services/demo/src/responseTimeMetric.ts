// The original demo app's own histogram, kept so its dashboards and HPA rules keep working:
// http_server_resp_time{service,code,method,path} in seconds, observed for every request.
// `path` is the route template (or `unmatched`), never the raw path: raw paths are unbounded label values.
import type { Metrics, Service } from '@podmesh/runtime';
import { Histogram } from 'prom-client';

export function recordResponseTimes(
  http: Service<unknown>['http'],
  metrics: Metrics,
  serviceLabel: string,
): Histogram {
  const histogram = new Histogram({
    name: 'http_server_resp_time',
    help: 'Request response time in seconds.',
    labelNames: ['service', 'code', 'method', 'path'],
    // The Go client's default buckets, which the original used.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  http.addHook('onResponse', async (request, reply) => {
    histogram.observe(
      {
        service: serviceLabel,
        code: String(reply.statusCode),
        method: request.method,
        path: request.routeOptions.url ?? 'unmatched',
      },
      reply.elapsedTime / 1000,
    );
  });
  return histogram;
}
