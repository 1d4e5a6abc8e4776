// Requests Fastify refuses before routing still get our error shape, one log line and one metric sample:
// a path that is not valid percent-encoding (400), and requests Node's HTTP parser cannot read at all (431 for
// headers or a URL over its limit, 400 for anything else unreadable).
import { METHODS, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError } from 'fastify';
import { errorBody } from './errors.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { RequestLineWriter } from './requestLine.ts';

interface FrameworkReply {
  code(status: number): { send(body: unknown): unknown };
  raw: { once(event: 'finish', listener: () => void): unknown };
}

/**
 * Fastify's `frameworkErrors`: a bad URL (FST_ERR_BAD_URL) or an over-long parameter, answered in our shape.
 * Fastify runs no hooks for these requests, so `observe` (what onResponse does for the others) is called here.
 */
export function frameworkErrorHandler<Request, Reply extends FrameworkReply>(
  observe: (request: Request, reply: Reply) => void,
) {
  return (error: FastifyError, request: Request, reply: Reply): void => {
    const status = error.statusCode ?? 400;
    reply.raw.once('finish', () => observe(request, reply));
    reply.code(status).send(errorBody(status, error.message, 'invalid_argument'));
  };
}

const knownMethods = new Set(METHODS);
// The longest part of an unreadable request's URL that is logged: it may be the megabyte that made it fail.
const loggedUrlLength = 1024;

/** What can be read of a request the parser gave up on: its method and URL, if its first line got that far. */
function firstLine(rawPacket: unknown): { method: string; url: string } {
  const text = Buffer.isBuffer(rawPacket) ? rawPacket.subarray(0, 16 * 1024).toString('latin1') : '';
  const [method = '', url = ''] = text.split('\r\n', 1)[0]?.split(' ') ?? [];
  const shortUrl = url.length > loggedUrlLength ? `${url.slice(0, loggedUrlLength)}…` : url;
  return knownMethods.has(method) ? { method, url: shortUrl } : { method: '', url: '' };
}

export interface ClientErrorOptions {
  log: Logger;
  metrics: Metrics;
  writeLine: RequestLineWriter | undefined;
  recordMetrics: boolean;
}

/** Fastify's `clientErrorHandler`: Node's parser refused the request, so no route, hook or reply exists. */
export function clientErrorHandler({ log, metrics, writeLine, recordMetrics }: ClientErrorOptions) {
  return (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void => {
    // A reset connection or a dead socket is no request: nothing to answer, log or count (as Fastify does).
    if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const reason =
      status === 431 ? 'the request headers or URL are too large' : 'the request cannot be parsed';
    const body = JSON.stringify(errorBody(status, reason, status === 400 ? 'invalid_argument' : undefined));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    const { method, url } = firstLine(error.rawPacket);
    if (recordMetrics) metrics.http.record(method || 'unknown', 'unmatched', status, 0);
    if (writeLine && log.isLevelEnabled('warn')) {
      writeLine('warn', {
        method,
        url,
        status,
        seconds: 0,
        userAgent: '',
        remoteIp: socket.remoteAddress,
        responseSize: Buffer.byteLength(body),
        protocol: 'HTTP/1.1',
        fields: `,"route":null,"detail":${JSON.stringify(`${error.code ?? 'error'}: ${reason}`)}`,
        span: undefined,
        message: `${method || '-'} ${url || '-'} ${status}`,
      });
    }
  };
}
