// A mesh's members are its StatefulSet pods, addressed by their stable DNS names through the headless Service.
// One list for the whole mesh: every peer leaves its own name out (services/peer does that).
export function peerAddresses(meshName: string, replicas: number, port: number): string[] {
  return Array.from({ length: replicas }, (_, ordinal) => `${meshName}-${ordinal}.${meshName}:${port}`);
}

/** The config document services/peer reads (see services/peer/README.md). */
export function peerConfigDocument(peers: string[], interval: string): string {
  return `interval: ${interval}\npeers:\n${peers.map((peer) => `  - ${peer}\n`).join('')}`.replace(
    /peers:\n$/,
    'peers: []\n',
  );
}

export const peerConfigKey = 'peers.yaml';
export const peerConfigDir = '/etc/peer';
