// An HTTP/1.1 keep-alive client that balances every request over all replicas behind a target (round robin),
// skips a replica that just failed, and retries an idempotent call on another one within one deadline.
// Why per request: kube-proxy balances connections, and a keep-alive connection pins a client to one pod.
import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';
import { AttemptTimeout, jsonGet } from './jsonGet.ts';
import type { Logger } from './logger.ts';
import { parseTarget, type Target } from './target.ts';

export interface BalancedClientOptions {
  /** `dns:///name:port` or `ipv4:host:port,…` (target.ts), or a resolver of one's own. */
  target: string | Target;
  log: Logger;
  /** The whole call, retries included. */
  deadlineMs: number;
  attempts: number;
  refreshMs: number;
  /** How long a replica that refused or reset a connection is skipped. */
  ejectMs?: number;
  /** Sent on every call, e.g. `podmesh-countries/1.2.3`: undici sends none, and the callee logs it. */
  userAgent?: string;
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

/** A replica that took the request and did not answer in time: slow, not gone. */
const isSlowAnswer = (error: unknown) => error instanceof AttemptTimeout && error.connected;

export function createBalancedClient({
  target,
  log,
  deadlineMs,
  attempts,
  refreshMs,
  ejectMs = 2000,
  userAgent,
}: BalancedClientOptions) {
  const resolver = typeof target === 'string' ? parseTarget(target) : target;
  // Each attempt gets a fair share of the deadline: a replica whose pod vanished (its IP gone, so no reset
  // ever comes) must not eat the whole budget before the retry on another replica.
  const attemptMs = Math.max(1, Math.floor(deadlineMs / attempts));
  // A connect no call waits for any more is given up about when its attempt is (undici's default: 10 s).
  const poolOptions = { connections: 128, connectTimeout: attemptMs };
  // Loaded when a client is made, not with the runtime: undici is ~7 MB of a service's idle memory, and most
  // services never call another over HTTP (docs/performance/images.md).
  const undici = import('undici');
  const pools = new Map<string, Pool>();
  // The same replicas as an array, rebuilt when the set changes, so picking one allocates nothing.
  let replicas: Array<[string, Pool]> = [];
  const ejectedUntil = new Map<string, number>();
  let cursor = 0;
  let resolved = false;
  let closed = false;

  async function refresh(): Promise<void> {
    try {
      // `default` (undici's module.exports), not the named export: a bundle's lazily loaded chunk of a CommonJS
      // package exports only `default` (the images' esbuild bundles), while Node's own loader exports both.
      const { Pool } = (await undici).default;
      const addresses = new Set(await resolver.resolve());
      // A lookup an ejection started may end after close(): its pools must not outlive the client.
      if (closed) return;
      for (const address of addresses) {
        if (!pools.has(address)) pools.set(address, new Pool(`http://${address}`, poolOptions));
      }
      for (const [address, pool] of pools) {
        if (!addresses.has(address)) {
          pools.delete(address);
          ejectedUntil.delete(address);
          void pool.close();
        }
      }
      replicas = [...pools];
    } catch (error) {
      log.warn(
        { error, target: resolver.description },
        'could not resolve replicas; keeping the last known set',
      );
    }
  }
  const ready = refresh().then(() => {
    resolved = true;
  });
  // One lookup at a time, however many calls find no replica known or eject one.
  let refreshing: Promise<void> | undefined;
  const refreshNow = () => {
    refreshing ??= refresh().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };
  const timer = setInterval(refresh, refreshMs);
  timer.unref();

  // Round robin over the replicas not tried in this call, skipping ejected ones unless nothing else is left.
  function pick(exclude: Set<string>): [string, Pool] | undefined {
    const now = Date.now();
    let ejected: [string, Pool] | undefined;
    for (let i = 0; i < replicas.length; i++) {
      cursor = (cursor + 1) % replicas.length;
      const replica = replicas[cursor] as [string, Pool];
      if (exclude.has(replica[0])) continue;
      if ((ejectedUntil.get(replica[0]) ?? 0) > now) {
        ejected ??= replica;
        continue;
      }
      return replica;
    }
    return ejected;
  }

  async function getJson(path: string, callHeaders: Record<string, string> = {}): Promise<JsonResponse> {
    const headers = userAgent ? { 'user-agent': userAgent, ...callHeaders } : callHeaders;
    if (!resolved) await ready;
    // None known (e.g. this process started before any replica was ready): look again now, not at the next refresh.
    if (replicas.length === 0) await refreshNow();
    const started = performance.now();
    const tried = new Set<string>();
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const remainingMs = deadlineMs - (performance.now() - started);
      if (remainingMs <= 0) break;
      const choice = pick(tried);
      if (!choice) break;
      const [replica, pool] = choice;
      tried.add(replica);
      const timeoutMs = Math.max(1, Math.min(attemptMs, remainingMs));
      try {
        const { status, body } = await jsonGet(pool, path, headers, timeoutMs);
        if (status >= 500) {
          lastError = new Error(`${replica} answered ${status}`);
          continue;
        }
        return { status, body, replica };
      } catch (error) {
        // A refused or reset connection, or none within the attempt (a pod whose address DNS still lists answers
        // no SYN at all; or all its connections are busy), means the replica is gone or swamped: skip it for a
        // while, and look the replicas up again now (as gRPC's resolvers do): a pod that stopped after its drain
        // delay is normally out of DNS already, and is then forgotten here at once, not at the next refresh.
        // A slow answer only skips it for this call.
        if (!isSlowAnswer(error)) {
          ejectedUntil.set(replica, Date.now() + ejectMs);
          void refreshNow();
        }
        lastError = error;
      }
    }
    if (performance.now() - started >= deadlineMs || (isSlowAnswer(lastError) && tried.size >= pools.size)) {
      throw new UpstreamError('deadline', `no answer within ${deadlineMs} ms`);
    }
    throw new UpstreamError(
      'unavailable',
      `no replica answered (${(lastError as Error | undefined)?.message ?? 'none known'})`,
    );
  }

  async function close(): Promise<void> {
    closed = true;
    clearInterval(timer);
    await Promise.all([...pools.values()].map((pool) => pool.close()));
  }

  return { getJson, close, refresh };
}

export type BalancedClient = ReturnType<typeof createBalancedClient>;
