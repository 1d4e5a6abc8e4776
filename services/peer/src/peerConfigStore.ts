// Takes configuration text from its sources (the mounted file, the ConfigMap through the API), validates it,
// leaves this process out of the peers and hands a changed config to the ping loop. An invalid document is
// logged and counted; the last good config stays in force.
// While the API watch is in sync it is the authority and the file (which the kubelet updates later, possibly
// one version behind) is only remembered; when the watch fails, the file takes over again.
import type { Logger } from '@podmesh/runtime';
import { formatDuration } from './duration.ts';
import { isSelf, type SelfIdentity } from './peerAddress.ts';
import { type ConfigFormat, type PeerConfig, PeerConfigError, parsePeerConfig } from './peerConfig.ts';
import type { PeerMetrics } from './peerMetrics.ts';

export type ConfigSource = 'file' | 'configmap';

export interface PeerConfigStoreOptions {
  log: Logger;
  metrics: PeerMetrics;
  self: SelfIdentity;
  format: ConfigFormat;
  apply: (config: PeerConfig) => void;
}

export function createPeerConfigStore({ log, metrics, self, format, apply }: PeerConfigStoreOptions) {
  const lastText = new Map<ConfigSource, string>();
  let current: PeerConfig | undefined;
  let apiInSync = false;

  function consider(source: ConfigSource, text: string): void {
    let parsed: PeerConfig;
    try {
      parsed = parsePeerConfig(text, format);
    } catch (error) {
      if (!(error instanceof PeerConfigError)) throw error;
      metrics.configReloads.inc({ result: 'rejected' });
      log.error(
        { source, error: error.message, peers: current?.peers.length ?? 0 },
        'invalid peer config rejected; the last good config stays in force',
      );
      return;
    }
    const next = { ...parsed, peers: parsed.peers.filter((peer) => !isSelf(peer, self)) };
    if (current && JSON.stringify(next) === JSON.stringify(current)) return;
    const before = new Set(current?.peers ?? []);
    const after = new Set(next.peers);
    current = next;
    metrics.configReloads.inc({ result: 'applied' });
    metrics.peers.set(next.peers.length);
    log.info(
      {
        source,
        peers: next.peers.length,
        interval: formatDuration(next.intervalMs),
        timeout: formatDuration(next.timeoutMs),
        added: next.peers.filter((peer) => !before.has(peer)),
        removed: [...before].filter((peer) => !after.has(peer)),
      },
      'peer config applied',
    );
    apply(next);
  }

  return {
    /** New text from a source; ignored when that source's text did not change. */
    offer(source: ConfigSource, text: string): void {
      if (lastText.get(source) === text) return;
      lastText.set(source, text);
      if (source === 'file' && apiInSync) return;
      consider(source, text);
    },
    /** The API watch is (or stopped being) in sync; out of sync, the file's content is in force. */
    setApiInSync(inSync: boolean): void {
      if (apiInSync === inSync) return;
      apiInSync = inSync;
      const fileText = lastText.get('file');
      if (!inSync && fileText !== undefined) consider('file', fileText);
    },
    get current(): PeerConfig | undefined {
      return current;
    },
  };
}

export type PeerConfigStore = ReturnType<typeof createPeerConfigStore>;
