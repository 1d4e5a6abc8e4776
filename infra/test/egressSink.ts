// A loopback HTTP proxy that refuses everything and records where each request wanted to go. The checks point
// HTTPS_PROXY/HTTP_PROXY at it, so no call of the CLI or the provider can leave the machine, and the tests can
// see exactly which calls were attempted.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';

export interface EgressSink {
  url: string;
  /** host:port of every refused request, in order. */
  attempts: string[];
  close(): Promise<void>;
}

export async function startEgressSink(): Promise<EgressSink> {
  const attempts: string[] = [];
  const server: Server = createServer((request, response) => {
    attempts.push(request.headers.host ?? request.url ?? '?'); // plain-HTTP proxying: GET http://host/…
    response.writeHead(403).end('egress refused by the podmesh infra checks\n');
  });
  server.on('connect', (request, socket) => {
    attempts.push(request.url ?? '?'); // HTTPS proxying: CONNECT host:443
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
