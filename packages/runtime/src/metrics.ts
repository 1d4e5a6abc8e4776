// Prometheus metrics with the names design.md fixes; labels are route templates, never raw paths.
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'service' | 'method' | 'route' | 'code'>;
  httpDuration: Histogram<'service' | 'method' | 'route' | 'code'>;
  grpcHandled: Counter<'grpc_service' | 'grpc_method' | 'grpc_code'>;
  grpcHandling: Histogram<'grpc_service' | 'grpc_method' | 'grpc_code'>;
  grpcClientHandled: Counter<'grpc_service' | 'grpc_method' | 'grpc_code'>;
}

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const httpLabels = ['service', 'method', 'route', 'code'] as const;
  const grpcLabels = ['grpc_service', 'grpc_method', 'grpc_code'] as const;
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests served, by route template and status code.',
      labelNames: httpLabels,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to serve an HTTP request, by route template and status code.',
      labelNames: httpLabels,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    grpcHandled: new Counter({
      name: 'grpc_server_handled_total',
      help: 'gRPC calls completed on the server, by status code.',
      labelNames: grpcLabels,
      registers: [registry],
    }),
    grpcHandling: new Histogram({
      name: 'grpc_server_handling_seconds',
      help: 'Time to handle a gRPC call on the server.',
      labelNames: grpcLabels,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    grpcClientHandled: new Counter({
      name: 'grpc_client_handled_total',
      help: 'gRPC calls completed by this process as a client, by status code.',
      labelNames: grpcLabels,
      registers: [registry],
    }),
  };
}
