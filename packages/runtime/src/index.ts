// The runtime every service uses. Nothing here loads grpc-js: the gRPC server, clients and contracts are in
// `./grpc.ts` (`@podmesh/runtime/grpc`).
export { type BalancedClient, createBalancedClient, UpstreamError } from './balancedClient.ts';
export { bool, loadConfig, num, port, type RuntimeConfig, str, target } from './config.ts';
export { errorBody, HttpError } from './errors.ts';
export { Health, type HealthState } from './health.ts';
export { createLogger, type Logger } from './logger.ts';
export { createMetrics, type Metrics } from './metrics.ts';
export { traceHeadersFor } from './requestSpan.ts';
export { createService, type Service } from './service.ts';
export { stableHash } from './stableHash.ts';
export { parseTarget } from './target.ts';
export { parseTraceHeaders } from './trace.ts';
