// A bounded stream of concurrent POST / requests spread over counter replicas, counting what was sent and
// what was acknowledged (200). Bounded in count and time; a failed request waits a moment like a real client.
import { setTimeout as sleep } from 'node:timers/promises';

export interface PostStreamOptions {
  /** Replica base URLs; request n goes to urls[n % urls.length]. */
  urls: () => string[];
  concurrency: number;
  /** Hard bounds: the stream stops at whichever comes first. */
  maxSent: number;
  maxMs: number;
  /** Stops early once this returns true (checked before every request). */
  until?: (progress: PostStreamResult) => boolean;
}

export interface PostStreamResult {
  sent: number;
  acked: number;
  /** Highest post_requests seen in a 200. */
  highest: number;
  statuses: Record<string, number>;
}

export async function postStream({ urls, concurrency, maxSent, maxMs, until }: PostStreamOptions) {
  const result: PostStreamResult = { sent: 0, acked: 0, highest: 0, statuses: {} };
  const stopAt = Date.now() + maxMs;
  const worker = async () => {
    while (result.sent < maxSent && Date.now() < stopAt && !until?.(result)) {
      const all = urls();
      const url = all[result.sent % all.length] as string;
      result.sent++;
      let outcome: string;
      try {
        const response = await fetch(`${url}/`, { method: 'POST', signal: AbortSignal.timeout(5000) });
        outcome = String(response.status);
        const body = (await response.json()) as { post_requests?: number };
        if (response.status === 200) {
          result.acked++;
          result.highest = Math.max(result.highest, body.post_requests ?? 0);
        }
      } catch (error) {
        outcome = (error as Error).name;
      }
      result.statuses[outcome] = (result.statuses[outcome] ?? 0) + 1;
      if (outcome !== '200') await sleep(20);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return result;
}

export async function readCount(url: string): Promise<number> {
  const response = await fetch(`${url}/`);
  if (response.status !== 200) throw new Error(`GET ${url}/ answered ${response.status}`);
  return ((await response.json()) as { post_requests: number }).post_requests;
}
