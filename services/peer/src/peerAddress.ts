// A peer is `host:port`: a DNS name (a StatefulSet pod's `mesh-1.mesh:8080`), an IPv4 address or `[IPv6]`.
const dnsName =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const ipv4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const ipv6 = /^\[[0-9a-f:.]+\]$/i;

export interface PeerAddress {
  host: string;
  port: number;
}

/** The problem with `text` as a peer address, or undefined when it is a valid one. */
export function peerAddressProblem(text: string): string | undefined {
  const separator = text.lastIndexOf(':');
  if (separator <= 0) return `peer ${JSON.stringify(text)} must be host:port`;
  const host = text.slice(0, separator);
  const port = text.slice(separator + 1);
  if (!/^[1-9]\d{0,4}$/.test(port) || Number(port) > 65535) {
    return `peer ${JSON.stringify(text)} has a bad port: it must be a whole number from 1 to 65535`;
  }
  if (!dnsName.test(host) && !ipv4.test(host) && !ipv6.test(host)) {
    return `peer ${JSON.stringify(text)} has a bad host: it must be a DNS name, an IPv4 address or [IPv6]`;
  }
  return undefined;
}

export function splitPeerAddress(text: string): PeerAddress {
  const separator = text.lastIndexOf(':');
  return { host: text.slice(0, separator).toLowerCase(), port: Number(text.slice(separator + 1)) };
}

export interface SelfIdentity {
  /** The pod name: a StatefulSet pod is reached as `<podName>.<service>…`. */
  podName: string;
  /** The port this process serves /ping on. */
  port: number;
  /** Other host names that mean this process (loopback, the bound address). */
  hosts: string[];
}

/** The operator writes one peer list for the whole mesh; every member leaves itself out. */
export function isSelf(address: string, self: SelfIdentity): boolean {
  const { host, port } = splitPeerAddress(address);
  if (port !== self.port) return false;
  const podName = self.podName.toLowerCase();
  return host === podName || host.startsWith(`${podName}.`) || self.hosts.includes(host);
}
