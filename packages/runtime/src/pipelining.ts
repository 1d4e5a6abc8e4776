// HTTP/1.1 pipelining: Node parses every request a client sent in one write at once and runs their handlers
// concurrently (it only orders the responses). A pipelined `POST /` then `GET /` then reads before the POST's write
// happened, and answers a count without it. This hook starts a request's handling only after the previous request
// on the same connection was answered: the order the client wrote them in, as if they had not been pipelined.
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

const lastResponse = Symbol('podmesh.lastResponse');

type TrackedSocket = { [lastResponse]?: ServerResponse };

export function inConnectionOrder(
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
) {
  const socket = request.raw.socket as unknown as TrackedSocket | null;
  if (!socket) return done();
  const previous = socket[lastResponse];
  socket[lastResponse] = reply.raw;
  // The common case, one request at a time on a connection: the previous response is long finished.
  if (previous === undefined || previous.writableEnded || previous.destroyed) return done();
  previous.once('close', () => done());
}
