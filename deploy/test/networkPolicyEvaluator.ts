// Decides, as a NetworkPolicy implementation would, whether a connection is allowed by the rendered policies:
// allowed when the source's egress AND the destination's ingress allow it; a pod no policy selects for a
// direction is open in that direction. Covers what the chart uses: label selectors, namespaceSelector, ipBlock.
import type { Manifest } from '../tools/render.ts';
import { type LabelSelector, type Labels, selectorMatches } from './manifests.ts';

export interface PodEndpoint {
  namespace: string;
  namespaceLabels: Labels;
  labels: Labels;
  ports?: Record<string, number>; // named container ports, to resolve named ports in rules
}
export interface ExternalEndpoint {
  ip: string;
}
export type Endpoint = PodEndpoint | ExternalEndpoint;

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface PolicyPort {
  protocol?: string;
  port?: number | string;
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PolicyPort[];
}

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipToNumber(base as string) / size) * size;
  return ipToNumber(ip) >= start && ipToNumber(ip) < start + size;
}

function peerMatches(peer: Peer, other: Endpoint, policyNamespace: string): boolean {
  if ('ip' in other) {
    return (
      peer.ipBlock !== undefined &&
      inCidr(other.ip, peer.ipBlock.cidr) &&
      !(peer.ipBlock.except ?? []).some((cidr) => inCidr(other.ip, cidr))
    );
  }
  if (peer.ipBlock !== undefined) return false; // pod IPs are not modelled; the chart never fences pods by IP
  const namespaceOk =
    peer.namespaceSelector === undefined
      ? other.namespace === policyNamespace
      : selectorMatches(peer.namespaceSelector, other.namespaceLabels);
  const podOk = peer.podSelector === undefined || selectorMatches(peer.podSelector, other.labels);
  return namespaceOk && podOk;
}

function portMatches(ports: PolicyPort[] | undefined, port: number, destination: Endpoint): boolean {
  if (ports === undefined || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== 'TCP') return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') return p.port === port;
    return 'labels' in destination && destination.ports?.[p.port] === port;
  });
}

function directionAllows(
  policies: Manifest[],
  direction: 'Ingress' | 'Egress',
  subject: PodEndpoint,
  other: Endpoint,
  port: number,
  destination: Endpoint,
): boolean {
  const applying = policies.filter(
    (p) =>
      p.metadata.namespace === subject.namespace &&
      (p.spec.policyTypes as string[]).includes(direction) &&
      selectorMatches(p.spec.podSelector, subject.labels),
  );
  if (applying.length === 0) return true;
  return applying.some((policy) => {
    const rules = (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) as Rule[] | undefined;
    return (rules ?? []).some((rule) => {
      const peers = direction === 'Ingress' ? rule.from : rule.to;
      const peerOk =
        peers === undefined ||
        peers.length === 0 ||
        peers.some((peer) => peerMatches(peer, other, subject.namespace));
      return peerOk && portMatches(rule.ports, port, destination);
    });
  });
}

/** May `source` open a TCP connection to `destination` on `port` under these manifests' NetworkPolicies? */
export function allowed(
  manifests: Manifest[],
  source: Endpoint,
  destination: Endpoint,
  port: number,
): boolean {
  const policies = manifests.filter((m) => m.kind === 'NetworkPolicy');
  const egressOk =
    'ip' in source || directionAllows(policies, 'Egress', source, destination, port, destination);
  const ingressOk =
    'ip' in destination || directionAllows(policies, 'Ingress', destination, source, port, destination);
  return egressOk && ingressOk;
}
