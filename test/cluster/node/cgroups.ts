// The parent cgroup of every pod (kubelet's cgroupRoot) in each cgroup v1 hierarchy, and its removal.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { podCgroupRoot } from './addresses.ts';

const cgroupMount = '/sys/fs/cgroup';

function hierarchies(): string[] {
  return readdirSync(cgroupMount)
    .map((name) => join(cgroupMount, name))
    .filter((path) => statSync(path).isDirectory() && !statSync(path).isSymbolicLink());
}

export function createPodCgroupRoot(): void {
  for (const hierarchy of hierarchies()) {
    const path = join(hierarchy, podCgroupRoot);
    mkdirSync(path, { recursive: true });
    // A new cpuset cgroup starts with no CPUs and no memory nodes; no task could join it.
    for (const file of ['cpuset.cpus', 'cpuset.mems']) {
      if (existsSync(join(hierarchy, file)) && readFileSync(join(path, file), 'utf8').trim() === '') {
        writeFileSync(join(path, file), readFileSync(join(hierarchy, file), 'utf8'));
      }
    }
  }
}

function descendantsFirst(path: string): string[] {
  if (!existsSync(path)) return [];
  const children = readdirSync(path, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return [...children.flatMap((child) => descendantsFirst(join(path, child.name))), path];
}

/** PIDs still inside the pod cgroups (containers whose shim is gone); teardown kills them. */
export function podCgroupPids(): number[] {
  const pids = new Set<number>();
  for (const hierarchy of hierarchies()) {
    for (const cgroup of descendantsFirst(join(hierarchy, podCgroupRoot))) {
      const procs = join(cgroup, 'cgroup.procs');
      if (!existsSync(procs)) continue;
      for (const line of readFileSync(procs, 'utf8').split('\n')) if (line) pids.add(Number(line));
    }
  }
  return [...pids];
}

export function removePodCgroupRoot(): void {
  for (const hierarchy of hierarchies()) {
    for (const cgroup of descendantsFirst(join(hierarchy, podCgroupRoot))) {
      try {
        rmdirSync(cgroup);
      } catch {
        // busy (a process still inside): reported by the caller's check, never forced
      }
    }
  }
}
