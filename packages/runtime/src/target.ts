// Where a client's replicas are: `dns:///name:port` (every address of a headless Service, re-resolved) or
// `ipv4:host:port,host:port` (a static list, for local runs). The same syntax gRPC uses.
import { lookup } from 'node:dns/promises';

export interface Target {
  /** The current addresses, `host:port`. */
  resolve(): Promise<string[]>;
  readonly description: string;
}

export function parseTarget(target: string): Target {
  if (target.startsWith('dns:')) {
    const hostPort = target.replace(/^dns:(\/\/[^/]*\/)?/, '');
    const separator = hostPort.lastIndexOf(':');
    const host = hostPort.slice(0, separator);
    const port = Number(hostPort.slice(separator + 1));
    if (separator <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`target ${target} must look like dns:///name:port`);
    }
    return {
      description: target,
      resolve: async () => {
        const addresses = await lookup(host, { all: true });
        return addresses.map(({ address, family }) =>
          family === 6 ? `[${address}]:${port}` : `${address}:${port}`,
        );
      },
    };
  }
  if (target.startsWith('ipv4:')) {
    const addresses = target
      .slice('ipv4:'.length)
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean);
    if (addresses.length === 0 || addresses.some((address) => !/^[\w.-]+:\d{1,5}$/.test(address))) {
      throw new Error(`target ${target} must look like ipv4:host:port[,host:port…]`);
    }
    return { description: target, resolve: async () => addresses };
  }
  throw new Error(`target ${target} must start with dns: or ipv4:`);
}
