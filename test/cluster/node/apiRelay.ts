// Pods reach the API server as the `kubernetes` Service, but the test control plane listens on loopback
// only, which no pod can reach. This relay listens on the node address and splices each TCP connection to
// the loopback port: TLS stays end to end between the pod and the API server (nothing is terminated here).
//
//   node apiRelay.ts <listen host> <listen port> <target port>
import { connect, createServer } from 'node:net';

const [host, listenPort, targetPort] = process.argv.slice(2);
if (!host || !listenPort || !targetPort) throw new Error('usage: apiRelay.ts <host> <port> <target port>');

const server = createServer((client) => {
  const upstream = connect({ host: '127.0.0.1', port: Number(targetPort) });
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
});
server.listen(Number(listenPort), host, () => {
  console.log(`api relay ${host}:${listenPort} -> 127.0.0.1:${targetPort}`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
