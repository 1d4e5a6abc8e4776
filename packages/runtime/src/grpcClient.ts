// gRPC clients built the same way in every service: the target syntax the HTTP client uses (`dns:///name:port`
// re-resolved, `ipv4:host:port,…`), round_robin over every address, quick reconnects after the server comes
// back, a deadline on every call, and `grpc_client_handled_total`.
// Retries are opt-in per method, for idempotent ones only: a non-idempotent call (an increment) that failed
// after it was sent has an unknown outcome, and retrying it could apply it twice.
import * as grpc from '@grpc/grpc-js';
import { grpcCodeLabel, grpcTypeLabel } from './grpcCodes.ts';
import type { Metrics } from './metrics.ts';

const codeNames = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));

export interface GrpcClientOptions {
  target: string;
  /** Deadline of a call that sets none itself, retries included. */
  deadlineMs: number;
  metrics?: Metrics;
  /** Idempotent methods that may be retried on UNAVAILABLE, e.g. `{ service: 'pkg.v1.Svc', method: 'Get' }`. */
  retryable?: Array<{ service: string; method: string }>;
}

/** Channel options: round_robin, bounded reconnect backoff (grpc's default grows to 120 s), opt-in retries. */
export function grpcChannelOptions(retryable: GrpcClientOptions['retryable'] = []): grpc.ChannelOptions {
  const serviceConfig = {
    loadBalancingConfig: [{ round_robin: {} }],
    methodConfig:
      retryable.length === 0
        ? []
        : [
            {
              name: retryable,
              retryPolicy: {
                maxAttempts: 3,
                initialBackoff: '0.05s',
                maxBackoff: '0.5s',
                backoffMultiplier: 2,
                retryableStatusCodes: ['UNAVAILABLE'],
              },
            },
          ],
  };
  return {
    'grpc.service_config': JSON.stringify(serviceConfig),
    'grpc.initial_reconnect_backoff_ms': 100,
    'grpc.max_reconnect_backoff_ms': 2000,
    // A restarted pod comes back on a new IP: re-resolve within seconds, not grpc-js's default 30 s.
    'grpc.dns_min_time_between_resolutions_ms': 1500,
    // Notice a peer that vanished without closing the connection while calls are in flight.
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
  };
}

/** Gives every call without a deadline this one, so no call can hang on a server that stopped answering. */
export function defaultDeadline(deadlineMs: number): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(
      nextCall(options.deadline === undefined ? { ...options, deadline: Date.now() + deadlineMs } : options),
    );
}

/** Counts finished calls as `grpc_client_handled_total{grpc_type,grpc_service,grpc_method,grpc_code}`. */
export function clientMetrics(metrics: Metrics): grpc.Interceptor {
  return (options, nextCall) => {
    const [, grpcService = '', grpcMethod = ''] = options.method_definition.path.split('/');
    const grpcType = grpcTypeLabel(options.method_definition);
    return new grpc.InterceptingCall(nextCall(options), {
      start: (metadata, _listener, next) =>
        next(metadata, {
          onReceiveStatus: (status, nextStatus) => {
            metrics.grpcClientHandled.inc({
              grpc_type: grpcType,
              grpc_service: grpcService,
              grpc_method: grpcMethod,
              grpc_code: grpcCodeLabel(status.code),
            });
            nextStatus(status);
          },
        }),
    });
  };
}

type ClientConstructor<C> = new (
  address: string,
  credentials: grpc.ChannelCredentials,
  options?: object,
) => C;

/** A client of a generated service (`grpcObject.pkg.v1.Svc`) over plaintext, as inside a cluster. */
export function createGrpcClient<C extends grpc.Client>(
  Client: ClientConstructor<C>,
  options: GrpcClientOptions,
): C {
  const interceptors = [defaultDeadline(options.deadlineMs)];
  if (options.metrics) interceptors.unshift(clientMetrics(options.metrics));
  return new Client(options.target, grpc.credentials.createInsecure(), {
    ...grpcChannelOptions(options.retryable),
    interceptors,
  });
}

/** The status name of a gRPC error (`UNAVAILABLE`), or undefined for any other error. */
export function grpcCodeName(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? codeNames[code] : undefined;
}
