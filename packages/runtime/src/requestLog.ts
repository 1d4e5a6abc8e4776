// One Cloud Logging line per HTTP request, with the `httpRequest` fields the Logs Explorer renders.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from './logger.ts';
import { parseTraceHeaders, traceLogFields } from './trace.ts';

const probeRoutes = new Set(['/healthz', '/readyz', '/metrics']);

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function logRequest(
  log: Logger,
  project: string,
  request: FastifyRequest,
  reply: FastifyReply,
  routeOptions: FastifyRequest['routeOptions'],
): void {
  const status = reply.statusCode;
  const route = routeOptions.url;
  // A route may ask for its successes to be logged quieter (e.g. peer's /ping, called N² times per round):
  // `config: { requestLogLevel: 'debug' }`. Errors are always logged.
  const quiet = (routeOptions.config as { requestLogLevel?: 'debug' } | undefined)?.requestLogLevel;
  const success = quiet ?? (probeRoutes.has(route ?? '') ? 'debug' : 'info');
  const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : success;
  if (!log.isLevelEnabled(level)) return;
  const size = Number(reply.getHeader('content-length'));
  const trace = parseTraceHeaders(header(request, 'traceparent'), header(request, 'x-cloud-trace-context'));
  log[level](
    {
      httpRequest: {
        requestMethod: request.method,
        requestUrl: request.url,
        status,
        latency: `${(reply.elapsedTime / 1000).toFixed(6)}s`,
        userAgent: header(request, 'user-agent') ?? '',
        remoteIp: request.ip,
        ...(Number.isFinite(size) ? { responseSize: String(size) } : {}),
        protocol: `HTTP/${request.raw.httpVersion}`,
      },
      route: route ?? null,
      ...traceLogFields(trace, project),
    },
    `${request.method} ${request.url} ${status}`,
  );
}
