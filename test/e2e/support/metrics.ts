// Reads a pod's Prometheus metrics straight from its IP (the host routes to the pod bridge), to see which
// replica served what. Sums the samples of one metric whose labels include all of `labels`.
import { probe } from '../../cluster/probe.ts';

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
  const { status, body } = await probe(`http://${podIp}:8080/metrics`);
  if (status !== 200) throw new Error(`metrics of ${podIp} answered ${status}`);
  return sumSamples(body, metric, labels);
}
