// A loopback TCP proxy a test can break on purpose: `stall` holds every byte in both directions (a hung API
// server: connections stay open, no answer comes), `refuse` closes every connection and each new one (a server
// that is down), `pass` forwards again, delivering what was held.
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'stall' | 'refuse';

export interface TcpProxy {
  port: number;
  readonly mode: ProxyMode;
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  const sockets = new Set<Socket>();
  const held: Array<[Socket, Buffer]> = [];
  const forward = (from: Socket, to: Socket) =>
    from.on('data', (chunk: Buffer) => {
      if (mode === 'stall') held.push([to, chunk]);
      else to.write(chunk);
    });
  const server = createServer((client) => {
    if (mode === 'refuse') return void client.destroy();
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
      socket.on('error', () => {});
    }
    forward(client, upstream);
    forward(upstream, client);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    get mode() {
      return mode;
    },
    setMode(next) {
      mode = next;
      if (next === 'refuse') {
        held.length = 0;
        for (const socket of sockets) socket.destroy();
      }
      if (next === 'pass') for (const [to, chunk] of held.splice(0)) if (!to.destroyed) to.write(chunk);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
