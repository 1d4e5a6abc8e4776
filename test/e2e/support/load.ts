// A steady, bounded load: `concurrency` loops of GETs against one URL until stopped, `maxRequests` or
// `maxMs`, whichever comes first. Each request opens its own connection, so kube-proxy spreads them over
// the Service's pods as it would spread many clients. Records every failure with its cause.
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  requests: number;
  ok: number;
  failures: { status: number | string; at: number }[];
  latenciesMs: number[];
}

export interface LoadOptions {
  concurrency?: number;
  maxRequests?: number;
  maxMs?: number;
  timeoutMs?: number;
}

/** One GET on its own connection; the status, or an error (timeout, refused, reset). */
export function get(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export interface RunningLoad {
  stop: () => Promise<LoadResult>;
  done: Promise<LoadResult>;
}

export function startLoad(urlFor: (i: number) => string, options: LoadOptions = {}): RunningLoad {
  const { concurrency = 4, maxRequests = 200_000, maxMs = 300_000, timeoutMs = 10_000 } = options;
  const result: LoadResult = { requests: 0, ok: 0, failures: [], latenciesMs: [] };
  const started = performance.now();
  let stopped = false;
  const loop = async () => {
    while (!stopped && result.requests < maxRequests && performance.now() - started < maxMs) {
      const i = result.requests++;
      const sent = performance.now();
      try {
        const status = await get(urlFor(i), timeoutMs);
        if (status === 200) result.ok++;
        else result.failures.push({ status, at: Math.round(sent - started) });
      } catch (error) {
        result.failures.push({ status: (error as Error).message, at: Math.round(sent - started) });
      }
      result.latenciesMs.push(performance.now() - sent);
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, loop)).then(() => result);
  return {
    done,
    stop: () => {
      stopped = true;
      return done;
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
