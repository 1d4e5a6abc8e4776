// Prometheus metrics with the names docs/contracts.md fixes; labels are route templates, never raw paths.
import { Counter, collectDefaultMetrics, Registry } from 'prom-client';
import { RequestMetrics } from './requestMetrics.ts';

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface Metrics {
  registry: Registry;
  /** `http_requests_total` and `http_request_duration_seconds`: record(method, route, code, seconds). */
  http: RequestMetrics<'method' | 'route' | 'code'>;
  /**
   * `grpc_server_handled_total` and `grpc_server_handling_seconds`: record(service, method, code, seconds,
   * { grpc_type }), label values as go-grpc-prometheus spells them (grpcCodes.ts).
   */
  grpcServer: RequestMetrics<'grpc_service' | 'grpc_method' | 'grpc_code'>;
  grpcClientHandled: Counter<'grpc_type' | 'grpc_service' | 'grpc_method' | 'grpc_code'>;
}

// prom-client names three gauges like counters (`promtool check metrics`: "non-counter metrics should not have
// _total suffix"); each is the sum over `type` of its correctly named twin (nodejs_active_handles{type}, …).
const counterNamedGauges = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** Removes the default gauges whose names end in `_total`. */
function dropCounterNamedGauges(registry: Registry): void {
  for (const name of counterNamedGauges) registry.removeSingleMetric(name);
}

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  dropCounterNamedGauges(registry);
  const grpcLabels = ['grpc_service', 'grpc_method', 'grpc_code'] as const;
  return {
    registry,
    http: new RequestMetrics({
      registry,
      counter: {
        name: 'http_requests_total',
        help: 'HTTP requests served, by route template and status code.',
      },
      histogram: {
        name: 'http_request_duration_seconds',
        help: 'Time to serve an HTTP request, by route template and status code.',
      },
      labelNames: ['method', 'route', 'code'],
      constantLabels: { service },
      buckets: latencyBuckets,
    }),
    grpcServer: new RequestMetrics({
      registry,
      counter: {
        name: 'grpc_server_handled_total',
        help: 'gRPC calls completed on the server, by status code.',
      },
      histogram: { name: 'grpc_server_handling_seconds', help: 'Time to handle a gRPC call on the server.' },
      labelNames: grpcLabels,
      buckets: latencyBuckets,
    }),
    grpcClientHandled: new Counter({
      name: 'grpc_client_handled_total',
      help: 'gRPC calls completed by this process as a client, by status code.',
      labelNames: ['grpc_type', ...grpcLabels],
      registers: [registry],
    }),
  };
}
