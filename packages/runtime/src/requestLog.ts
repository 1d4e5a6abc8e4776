// One Cloud Logging line per HTTP request, with the `httpRequest` fields the Logs Explorer renders.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from './logger.ts';
import { jsonText, writeRequestLine } from './requestLine.ts';

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
  const { method, url } = request;
  writeRequestLine(log, level, project, {
    method,
    url,
    status,
    seconds: reply.elapsedTime / 1000,
    userAgent: header(request, 'user-agent') ?? '',
    remoteIp: request.ip,
    responseSize: Number(reply.getHeader('content-length')),
    protocol: `HTTP/${request.raw.httpVersion}`,
    fields: `,"route":${route === undefined ? 'null' : jsonText(route)}`,
    traceparent: header(request, 'traceparent'),
    cloudTrace: header(request, 'x-cloud-trace-context'),
    message: `${method} ${url} ${status}`,
  });
}
