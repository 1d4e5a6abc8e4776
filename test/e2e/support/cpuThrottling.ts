// CFS throttling of a pod, read from the node's cgroups as the kernel counts it (`cpu.stat`): how many
// 100 ms quota periods the pod ran in, in how many it hit its CPU limit and how long it was held back.
// The node runs the kubelet with the cgroupfs driver under its own cgroupRoot (test/cluster/node/cgroups.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { podCgroupRoot } from '../../cluster/node/addresses.ts';

export interface CpuThrottling {
  periods: number;
  throttledPeriods: number;
  throttledUsec: number;
}

/** cgroup v1 keeps CPU quota in the `cpu` hierarchy (throttled_time in ns); v2 in one tree (throttled_usec). */
const hierarchies = [
  '/sys/fs/cgroup/cpu',
  '/sys/fs/cgroup/cpu,cpuacct',
  '/sys/fs/cgroup/unified',
  '/sys/fs/cgroup',
];

function findPodCgroup(dir: string, name: string, depth = 0): string | undefined {
  if (depth > 3 || !existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (entry.name === name) return join(dir, entry.name);
    const found = findPodCgroup(join(dir, entry.name), name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function parseCpuStat(text: string): CpuThrottling {
  const fields = new Map(
    text
      .trim()
      .split('\n')
      .map((line) => line.split(' ') as [string, string]),
  );
  const number = (key: string) => Number(fields.get(key) ?? Number.NaN);
  return {
    periods: number('nr_periods'),
    throttledPeriods: number('nr_throttled'),
    throttledUsec: fields.has('throttled_usec')
      ? number('throttled_usec')
      : Math.round(number('throttled_time') / 1000),
  };
}

/** The pod's counters now; throws when no hierarchy holds the pod (not on this node, or not started). */
export function podCpuThrottling(podUid: string): CpuThrottling {
  // cgroupfs names a pod's cgroup `pod<uid>` (the systemd driver would write kubepods-pod<uid_with_underscores>.slice).
  for (const hierarchy of hierarchies) {
    const pod = findPodCgroup(join(hierarchy, podCgroupRoot), `pod${podUid}`);
    if (pod && existsSync(join(pod, 'cpu.stat'))) {
      const stat = parseCpuStat(readFileSync(join(pod, 'cpu.stat'), 'utf8'));
      if (Number.isFinite(stat.periods)) return stat;
    }
  }
  throw new Error(`no cgroup with cpu.stat for pod ${podUid} under ${podCgroupRoot}`);
}

export function throttlingBetween(before: CpuThrottling, after: CpuThrottling): CpuThrottling {
  return {
    periods: after.periods - before.periods,
    throttledPeriods: after.throttledPeriods - before.throttledPeriods,
    throttledUsec: after.throttledUsec - before.throttledUsec,
  };
}
