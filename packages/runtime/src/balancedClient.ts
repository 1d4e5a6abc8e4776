// An HTTP/1.1 keep-alive client that balances every request over all replicas behind a target (round robin),
// skips a replica that just failed, and retries an idempotent call on another one within one deadline.
// Why per request: kube-proxy balances connections, and a keep-alive connection pins a client to one pod.
import { Pool } from 'undici';
import type { Logger } from './logger.ts';
import { parseTarget } from './target.ts';

export interface BalancedClientOptions {
  target: string;
  log: Logger;
  /** The whole call, retries included. */
  deadlineMs: number;
  attempts: number;
  refreshMs: number;
  /** How long a replica that refused or reset a connection is skipped. */
  ejectMs?: number;
}

export interface JsonResponse {
  status: number;
  body: unknown;
  replica: string;
}

export class UpstreamError extends Error {
  readonly reason: 'unavailable' | 'deadline';
  constructor(reason: 'unavailable' | 'deadline', message: string) {
    super(message);
    this.reason = reason;
  }
}

export function createBalancedClient({
  target,
  log,
  deadlineMs,
  attempts,
  refreshMs,
  ejectMs = 2000,
}: BalancedClientOptions) {
  const resolver = parseTarget(target);
  const pools = new Map<string, Pool>();
  const ejectedUntil = new Map<string, number>();
  let next = 0;

  async function refresh(): Promise<void> {
    try {
      const addresses = new Set(await resolver.resolve());
      for (const address of addresses) {
        if (!pools.has(address)) pools.set(address, new Pool(`http://${address}`, { connections: 128 }));
      }
      for (const [address, pool] of pools) {
        if (!addresses.has(address)) {
          pools.delete(address);
          void pool.close();
        }
      }
    } catch (error) {
      log.warn({ error, target }, 'could not resolve replicas; keeping the last known set');
    }
  }
  const ready = refresh();
  const timer = setInterval(refresh, refreshMs);
  timer.unref();

  function pick(exclude: Set<string>): [string, Pool] | undefined {
    const now = Date.now();
    const all = [...pools];
    const healthy = all.filter(
      ([address]) => !exclude.has(address) && (ejectedUntil.get(address) ?? 0) <= now,
    );
    const candidates = healthy.length > 0 ? healthy : all.filter(([address]) => !exclude.has(address));
    if (candidates.length === 0) return undefined;
    next = (next + 1) % 1_000_000;
    return candidates[next % candidates.length];
  }

  async function getJson(path: string, headers: Record<string, string> = {}): Promise<JsonResponse> {
    await ready;
    const deadline = AbortSignal.timeout(deadlineMs);
    const tried = new Set<string>();
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const choice = pick(tried);
      if (!choice) break;
      const [replica, pool] = choice;
      tried.add(replica);
      try {
        const response = await pool.request({ path, method: 'GET', headers, signal: deadline });
        const body = await response.body.json();
        if (response.statusCode >= 500) {
          lastError = new Error(`${replica} answered ${response.statusCode}`);
          continue;
        }
        return { status: response.statusCode, body, replica };
      } catch (error) {
        if (deadline.aborted) throw new UpstreamError('deadline', `no answer within ${deadlineMs} ms`);
        ejectedUntil.set(replica, Date.now() + ejectMs);
        lastError = error;
      }
    }
    if (pools.size === 0) await refresh();
    throw new UpstreamError(
      'unavailable',
      `no replica answered (${(lastError as Error | undefined)?.message ?? 'none known'})`,
    );
  }

  async function close(): Promise<void> {
    clearInterval(timer);
    await Promise.all([...pools.values()].map((pool) => pool.close()));
  }

  return { getJson, close, refresh };
}

export type BalancedClient = ReturnType<typeof createBalancedClient>;
