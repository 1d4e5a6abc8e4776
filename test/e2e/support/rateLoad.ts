// An open-loop load at a fixed rate, as real clients arrive: request i is sent at i / rate seconds whether or
// not earlier ones have answered, so a slow server shows up as latency rather than as a lower rate (a closed
// loop would hide it: coordinated omission). Bounded: `rate × seconds` requests, `maxInFlight` at once, each
// with a timeout. Each request opens its own connection (load.ts's `get`), so kube-proxy spreads them.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { get } from './load.ts';

export interface RateLoadOptions {
  rate: number;
  seconds: number;
  maxInFlight?: number;
  timeoutMs?: number;
}

export interface RateLoadResult {
  sent: number;
  ok: number;
  failures: string[];
  /** Latency of every request, measured from when it was due, not when the client got round to it. */
  latenciesMs: number[];
  seconds: number;
}

export async function runAtRate(
  urlFor: (i: number) => string,
  { rate, seconds, maxInFlight = 256, timeoutMs = 5_000 }: RateLoadOptions,
): Promise<RateLoadResult> {
  const total = Math.round(rate * seconds);
  const result: RateLoadResult = { sent: 0, ok: 0, failures: [], latenciesMs: [], seconds: 0 };
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (inFlight.size >= maxInFlight) {
      result.failures.push('client: too many in flight');
      continue;
    }
    result.sent++;
    const call = get(urlFor(i), timeoutMs)
      .then(
        (status) => (status === 200 ? result.ok++ : result.failures.push(`HTTP ${status}`)),
        (error: Error) => result.failures.push(error.message),
      )
      .then(() => {
        result.latenciesMs.push(performance.now() - due);
        inFlight.delete(call);
      });
    inFlight.add(call);
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
