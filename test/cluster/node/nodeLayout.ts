// Where the node keeps its state: everything under <cluster dir>/node, so teardown knows what is ours.
import { join } from 'node:path';

export interface NodeLayout {
  dir: string;
  /** The control plane's state directory (pki/, kubeconfigs/). */
  clusterDir: string;
  bin: string;
  containerdRoot: string;
  containerdState: string;
  containerdSocket: string;
  containerdConfig: string;
  cniConfDir: string;
  cniDataDir: string;
  kubeletRoot: string;
  podLogs: string;
  logs: string;
}

export function nodeLayout(clusterDir: string, bin: string): NodeLayout {
  const dir = join(clusterDir, 'node');
  return {
    dir,
    clusterDir,
    bin,
    containerdRoot: join(dir, 'containerd', 'root'),
    containerdState: join(dir, 'containerd', 'state'),
    containerdSocket: join(dir, 'containerd', 'containerd.sock'),
    containerdConfig: join(dir, 'containerd', 'config.toml'),
    cniConfDir: join(dir, 'cni', 'net.d'),
    cniDataDir: join(dir, 'cni', 'ipam'),
    kubeletRoot: join(dir, 'kubelet'),
    podLogs: join(dir, 'pod-logs'),
    logs: join(clusterDir, 'logs'),
  };
}
