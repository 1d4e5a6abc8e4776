// The peer configuration document (README.md describes it for the operator that writes it):
//   interval: 30s      timeout: 5s (optional)      peers: [mesh-0.mesh:8080, …]
// Parsing is strict: an unknown key, a bad address or duration rejects the whole document.
import { parseDocument } from 'yaml';
import { formatDuration, parseDuration } from './duration.ts';
import { peerAddressProblem } from './peerAddress.ts';

export interface PeerConfig {
  peers: string[];
  intervalMs: number;
  /** Each ping's deadline; always below the interval so rounds cannot overlap. */
  timeoutMs: number;
}

export type ConfigFormat = 'json' | 'yaml';

export const limits = {
  minIntervalMs: 1000,
  maxIntervalMs: 24 * 3_600_000,
  maxPeers: 1000,
  minTimeoutMs: 10,
};
export const defaultIntervalMs = 60_000;
const maxDefaultTimeoutMs = 5000;
const knownKeys = new Set(['peers', 'interval', 'timeout']);

export class PeerConfigError extends Error {}

/** `.json` files and keys are JSON; everything else is YAML. */
export function formatOf(fileName: string): ConfigFormat {
  return fileName.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

function parseText(text: string, format: ConfigFormat): unknown {
  if (format === 'json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new PeerConfigError(`invalid JSON: ${(error as Error).message}`);
    }
  }
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const [problem] = [...document.errors, ...document.warnings];
  if (problem) throw new PeerConfigError(`invalid YAML: ${problem.message.split('\n')[0]}`);
  return document.toJS();
}

function duration(value: unknown, key: string): number {
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined) {
    throw new PeerConfigError(`${key} ${JSON.stringify(value)} must be a duration such as 30s, 1m or 1m30s`);
  }
  return ms;
}

export function parsePeerConfig(text: string, format: ConfigFormat): PeerConfig {
  const document = parseText(text, format);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new PeerConfigError('the configuration must be a mapping with peers and interval');
  }
  const unknown = Object.keys(document).filter((key) => !knownKeys.has(key));
  if (unknown.length > 0) {
    throw new PeerConfigError(`unknown keys ${unknown.join(', ')} (known: ${[...knownKeys].join(', ')})`);
  }
  const { peers, interval, timeout } = document as Record<string, unknown>;

  if (!Array.isArray(peers)) throw new PeerConfigError('peers must be a list of host:port');
  if (peers.length > limits.maxPeers) throw new PeerConfigError(`peers lists more than ${limits.maxPeers}`);
  const seen = new Set<string>();
  for (const peer of peers) {
    if (typeof peer !== 'string') throw new PeerConfigError(`peer ${JSON.stringify(peer)} must be a string`);
    const problem = peerAddressProblem(peer);
    if (problem) throw new PeerConfigError(problem);
    if (seen.has(peer)) throw new PeerConfigError(`peer ${peer} is listed twice`);
    seen.add(peer);
  }

  const intervalMs = interval === undefined ? defaultIntervalMs : duration(interval, 'interval');
  if (intervalMs < limits.minIntervalMs || intervalMs > limits.maxIntervalMs) {
    throw new PeerConfigError(
      `interval ${interval} must be from ${formatDuration(limits.minIntervalMs)} to ${formatDuration(limits.maxIntervalMs)}`,
    );
  }
  const timeoutMs =
    timeout === undefined ? Math.min(intervalMs / 2, maxDefaultTimeoutMs) : duration(timeout, 'timeout');
  if (timeoutMs < limits.minTimeoutMs || timeoutMs >= intervalMs) {
    throw new PeerConfigError(
      `timeout ${timeout} must be at least ${limits.minTimeoutMs}ms and below the interval`,
    );
  }
  return { peers: peers as string[], intervalMs, timeoutMs };
}
