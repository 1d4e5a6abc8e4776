// Reads a pod's Prometheus metrics straight from its IP (the host routes to the pod bridge), to see which
// replica served what. Sums the samples of one metric whose labels include all of `labels`.
import { request } from 'node:http';

export function fetchText(url: string, timeoutMs = 5_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

export function sumSamples(text: string, metric: string, labels: Record<string, string>): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    const matches = Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`));
    if (matches) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

export async function podMetric(
  podIp: string,
  metric: string,
  labels: Record<string, string>,
): Promise<number> {
  const { status, body } = await fetchText(`http://${podIp}:8080/metrics`);
  if (status !== 200) throw new Error(`metrics of ${podIp} answered ${status}`);
  return sumSamples(body, metric, labels);
}
