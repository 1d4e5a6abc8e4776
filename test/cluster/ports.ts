// Free loopback ports, so a test control plane never collides with a developer's own services.
import { createServer } from 'node:net';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error()),
      );
    });
  });
}

export interface ControlPlanePorts {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager: number;
  scheduler: number;
}

/** Asks the kernel for distinct ports; they are free now, and the components bind them moments later. */
export async function allocatePorts(): Promise<ControlPlanePorts> {
  const ports = new Set<number>();
  while (ports.size < 5) ports.add(await freePort());
  const [etcdClient, etcdPeer, apiserver, controllerManager, scheduler] = [...ports] as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { etcdClient, etcdPeer, apiserver, controllerManager, scheduler };
}
