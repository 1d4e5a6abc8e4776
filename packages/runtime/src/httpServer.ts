// The HTTP side of every service: Fastify with JSON errors, 404/405, request logs, metrics and probes.

import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fastify, LogController } from 'fastify';
import findMyWay from 'find-my-way';
import type { RuntimeConfig } from './config.ts';
import { errorBody, errorCodeByStatus, HttpError } from './errors.ts';
import type { Health } from './health.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { inConnectionOrder } from './pipelining.ts';
import { clientErrorHandler, frameworkErrorHandler } from './rejectedRequests.ts';
import { requestLineWriter } from './requestLine.ts';
import { logRequest } from './requestLog.ts';

export interface HttpServerOptions {
  config: RuntimeConfig;
  log: Logger;
  metrics: Metrics;
  health: Health;
}

export function createHttpServer({ config, log, metrics, health }: HttpServerOptions): FastifyInstance {
  // Read once: the config is envalid's validating Proxy, too slow to consult on every request.
  const { LOG_REQUESTS: logRequests, METRICS: recordMetrics, GOOGLE_CLOUD_PROJECT: project } = config;
  const writeLine = logRequests ? requestLineWriter(log, project) : undefined;
  /** The request's one log line and metric sample. */
  function observe(request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions; // a getter that builds a fresh object: read it once
    if (writeLine) logRequest(log, writeLine, request, reply, route);
    if (recordMetrics) {
      metrics.http.record(
        request.method,
        route.url ?? 'unmatched',
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
    }
  }
  const app = fastify({
    loggerInstance: log as FastifyBaseLogger,
    // Our onResponse hook writes the one Cloud Logging line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Requests on connections accepted before SIGTERM are still served while draining.
    return503OnClosing: false,
    bodyLimit: 2 * 1024 * 1024,
    frameworkErrors: frameworkErrorHandler(observe),
    clientErrorHandler: clientErrorHandler({ log, metrics, writeLine, recordMetrics }),
  });

  // A second router that knows every path, so an unknown method on a known path is a 405, not a 404.
  const knownPaths = findMyWay();
  const knownMethods = new Set<string>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      knownMethods.add(method);
      knownPaths.on(method as never, route.url, () => undefined);
    }
  });

  app.addHook('onRequest', inConnectionOrder);

  // Hooks on the hot path take a callback instead of returning a promise: one less allocation per request.
  // While draining, tell keep-alive clients to reconnect elsewhere, so no idle connection is cut mid-reuse.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (health.state === 'draining') reply.header('connection', 'close');
    done(null, payload);
  });

  if (logRequests || recordMetrics) {
    app.addHook('onResponse', (request, reply, done) => {
      observe(request, reply);
      done();
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = [...knownMethods].filter((method) => knownPaths.find(method as never, path));
    if (allowed.length > 0) {
      return reply
        .code(405)
        .header('allow', allowed.join(', '))
        .send(errorBody(405, `method ${request.method} is not allowed on ${path}`));
    }
    return reply.code(404).send(errorBody(404, `no route for ${request.method} ${path}`));
  });

  app.setErrorHandler(async (error: FastifyError & { code?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    // An HttpError is a deliberate answer (e.g. 503 "kv is unavailable") whose message is meant for the client;
    // anything else that fails is a bug: logged in full, answered without internals.
    if (error instanceof HttpError) {
      if (status >= 500) request.log.warn({ error: error.message, status }, 'request answered with an error');
      return reply.code(status).send(errorBody(status, error.message, error.code));
    }
    if (status >= 500) {
      request.log.error({ error }, 'request failed');
      return reply.code(status).send(errorBody(status, 'internal error'));
    }
    const code = error.validation ? 'invalid_argument' : (error.code ?? '').toLowerCase();
    const known = Object.values(errorCodeByStatus).includes(code) ? code : undefined;
    return reply.code(status).send(errorBody(status, error.message, known));
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (health.ready) return { status: 'ready' };
    return reply.code(503).send(errorBody(503, `not ready: ${health.state}`));
  });
  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  return app;
}
