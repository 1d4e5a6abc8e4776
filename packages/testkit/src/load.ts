// A bounded load generator for tests: a fixed number of requests at a fixed concurrency, with a time cap.
import { Pool } from 'undici';

export interface LoadResult {
  sent: number;
  statuses: Map<number, number>;
  errors: string[];
}

export interface LoadOptions {
  url: string;
  path: (index: number) => string;
  method?: 'GET' | 'POST';
  total: number;
  concurrency: number;
  maxMs?: number;
  /** Called after each request, e.g. to kill a replica half-way. */
  onProgress?: (done: number) => void | Promise<void>;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.url, { connections: options.concurrency });
  const statuses = new Map<number, number>();
  const errors: string[] = [];
  const stopAt = Date.now() + (options.maxMs ?? 60_000);
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < options.total && Date.now() < stopAt) {
      const index = next++;
      try {
        const response = await pool.request({ path: options.path(index), method: options.method ?? 'GET' });
        await response.body.dump();
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      } catch (error) {
        errors.push((error as Error).message);
      }
      done++;
      await options.onProgress?.(done);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  await pool.close();
  return { sent: done, statuses, errors };
}

/** Reads one sample of a Prometheus counter from a service's /metrics, summing series that match the labels. */
export async function metricValue(
  baseUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}
