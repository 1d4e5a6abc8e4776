// Removes every trace of the node: containers and their shims, processes, mounts and network namespaces,
// kube-proxy's and our own iptables rules, the interfaces and routes, the pod cgroups, the log links.
// Runs before the control plane stops (cluster.ts) and before its state directory is deleted.
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execFileResult } from '../exec.ts';
import { stopProcess } from '../processes.ts';
import { podCgroupPids, removePodCgroupRoot } from './cgroups.ts';
import { tearDownHostNetwork } from './hostNetwork.ts';
import { removeKubernetesChains } from './kubernetesIptables.ts';
import { nodeLayout } from './nodeLayout.ts';
import { readNodeState } from './nodeState.ts';

/** Deletes every container (and so its shim and rootfs mount) through containerd while it still runs. */
async function deleteContainers(ctr: string, socket: string): Promise<void> {
  const base = ['--address', socket, '--namespace', 'k8s.io'];
  const { stdout, code } = await execFileResult(ctr, [...base, 'containers', 'list', '--quiet']);
  if (code !== 0) return;
  const ids = stdout.split('\n').filter(Boolean);
  await Promise.all(
    ids.map(async (id) => {
      await execFileResult(ctr, [...base, 'tasks', 'kill', '--signal', 'SIGKILL', id]);
      for (let attempt = 0; attempt < 20; attempt++) {
        const deleted = await execFileResult(ctr, [...base, 'tasks', 'delete', '--force', id]);
        if (deleted.code === 0 || deleted.stderr.includes('not found')) break;
        await sleep(250);
      }
      await execFileResult(ctr, [...base, 'containers', 'delete', id]);
    }),
  );
}

function killPids(pids: number[], signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Shims of this node's containerd (their command line names its socket) that outlived it. */
function leftoverShims(socket: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmdline.includes('containerd-shim') && cmdline.includes(socket);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Mount points under dir, deepest first (container rootfs, volumes, network namespaces). */
function mountsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4]?.replace(/\\040/g, ' '))
    .filter((point): point is string => point !== undefined && (point === dir || point.startsWith(`${dir}/`)))
    .sort((a, b) => b.length - a.length);
}

function removeLogLinks(podLogs: string): void {
  const dir = '/var/log/containers';
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    try {
      if (readlinkSync(join(dir, entry)).startsWith(podLogs)) rmSync(join(dir, entry));
    } catch {
      // not a link, or gone
    }
  }
}

export async function stopNode(clusterDir: string): Promise<void> {
  const state = readNodeState(clusterDir);
  const layout = nodeLayout(clusterDir, state?.bin ?? '');
  if (!state && !existsSync(layout.dir)) return;
  const processes = [...(state?.processes ?? [])].reverse();
  const kubelet = processes.find((p) => p.name === 'kubelet');
  if (kubelet) await stopProcess(kubelet); // no kubelet restarting containers while they are deleted
  // A test pauses containerd (test/e2e/logStall.test.ts); if it died before resuming it, every ctr call below
  // would hang. Continuing a running process does nothing.
  const containerd = processes.find((p) => p.name === 'containerd');
  if (containerd) killPids([containerd.pid], 'SIGCONT');
  if (state) await deleteContainers(join(state.bin, 'ctr'), layout.containerdSocket);
  for (const process_ of processes) await stopProcess(process_);
  killPids(leftoverShims(layout.containerdSocket));
  killPids(podCgroupPids());
  await sleep(200);
  for (const point of mountsUnder(layout.dir)) {
    const { code } = await execFileResult('umount', [point]);
    if (code !== 0) await execFileResult('umount', ['--lazy', point]);
  }
  if (state) await execFileResult(join(state.bin, 'kube-proxy'), ['--cleanup']);
  await removeKubernetesChains();
  await tearDownHostNetwork();
  removePodCgroupRoot();
  removeLogLinks(layout.podLogs);
  rmSync(layout.dir, { recursive: true, force: true });
}
