// One window of the latency measurement, as a row a reader can compare: where it ran, at what rate, the tail,
// and how much the kernel throttled each pod over the same window.

import type { CpuThrottling } from './cpuThrottling.ts';
import { percentile } from './load.ts';
import type { RateLoadResult } from './rateLoad.ts';

export interface LatencyRow {
  policy: string;
  target: 'cluster' | 'local';
  rate: number;
  sent: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  /** Per pod (cluster only): the throttling over the window. */
  pods: Array<{ pod: string; qosClass: string } & CpuThrottling>;
}

export function latencyRow(
  policy: string,
  target: LatencyRow['target'],
  rate: number,
  load: RateLoadResult,
  pods: LatencyRow['pods'] = [],
): LatencyRow {
  const round = (value: number) => Number(value.toFixed(1));
  return {
    policy,
    target,
    rate,
    sent: load.sent,
    failed: load.failures.length,
    p50Ms: round(percentile(load.latenciesMs, 50)),
    p99Ms: round(percentile(load.latenciesMs, 99)),
    p999Ms: round(percentile(load.latenciesMs, 99.9)),
    pods,
  };
}

/** Share of the CFS periods in which the pod hit its quota; 0 when it has no CPU limit (no periods counted). */
export function throttledShare(pod: CpuThrottling): number {
  return pod.periods === 0 ? 0 : pod.throttledPeriods / pod.periods;
}

export function formatRow(row: LatencyRow): string {
  const head =
    `[e2e] latency ${row.policy} ${row.target}: ${row.sent} requests at ${row.rate}/s, ${row.failed} failed, ` +
    `p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, p99.9 ${row.p999Ms} ms`;
  const pods = row.pods.map(
    (pod) =>
      `\n[e2e]   ${pod.pod} (${pod.qosClass}): ${pod.throttledPeriods}/${pod.periods} periods throttled ` +
      `(${(throttledShare(pod) * 100).toFixed(1)}%), ${(pod.throttledUsec / 1000).toFixed(0)} ms held back`,
  );
  return head + pods.join('');
}
