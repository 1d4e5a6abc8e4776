// Loopback HTTP servers that answer /ping as a peer does and record every ping, to see a peer's rounds from
// the outside (arrival times, concurrency) without starting dozens of processes.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';

export interface PongServer {
  address: string;
  name: string;
  /** Arrival times (performance.timeOrigin based, ms since epoch). */
  arrivals: number[];
  /** The most pings this server was answering at one time. */
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startPongServer(name: string, answerDelayMs = 0, port = 0): Promise<PongServer> {
  let inFlight = 0;
  const state = { arrivals: [] as number[], maxInFlight: 0 };
  const server: Server = createServer((request, response) => {
    if (request.url !== '/ping') {
      response.writeHead(404).end();
      return;
    }
    state.arrivals.push(performance.timeOrigin + performance.now());
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      response
        .writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-peer-id': name })
        .end('pong\n');
    }, answerDelayMs);
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const { port: bound } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${bound}`,
    name,
    get arrivals() {
      return state.arrivals;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
