// One Cloud Logging line per HTTP request, with the `httpRequest` fields the Logs Explorer renders.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from './logger.ts';
import { jsonText, type RequestLineWriter } from './requestLine.ts';
import { spanOf } from './requestSpan.ts';

const probeRoutes = new Set(['/healthz', '/readyz', '/metrics']);

/** `make`, called once per key: for the few, fixed values a line is built from (routes, HTTP versions). */
function madeOnce<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
}

// The `route` field of each route template.
const routeField = madeOnce((route: string | undefined) =>
  route === undefined ? ',"route":null' : `,"route":${jsonText(route)}`,
);

// `HTTP/<version>`, the same string each time (requestLineWriter keys its cache on it).
const protocolOf = madeOnce((version: string) => `HTTP/${version}`);

export function logRequest(
  log: Logger,
  writeLine: RequestLineWriter,
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
  const { headers } = request;
  writeLine(level, {
    method,
    url,
    status,
    seconds: reply.elapsedTime / 1000,
    userAgent: headers['user-agent'] ?? '',
    remoteIp: request.ip,
    responseSize: Number(reply.getHeader('content-length')),
    protocol: protocolOf(request.raw.httpVersion),
    fields: routeField(route),
    span: spanOf(request),
  });
}
