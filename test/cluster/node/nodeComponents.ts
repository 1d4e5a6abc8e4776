// The node's processes, in start order: container runtime, the API relay for pods, kubelet, kube-proxy,
// CoreDNS. Each says how to start and how to know it is ready, like the control plane's components.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileResult } from '../exec.ts';
import { probeOk } from '../probe.ts';
import { apiRelayPort, nodeIp, nodeName } from './addresses.ts';
import { corefilePath } from './coredns.ts';
import { kubeletConfigPath } from './kubeletConfig.ts';
import { kubeProxyConfigPath } from './kubeProxyConfig.ts';
import type { NodeLayout } from './nodeLayout.ts';

export interface NodePorts {
  apiserver: number;
  kubeletHealthz: number;
  kubeProxyHealthz: number;
  kubeProxyMetrics: number;
  corednsHealth: number;
  corednsReady: number;
}

export interface NodeComponent {
  name: string;
  command: (layout: NodeLayout) => string;
  args: (layout: NodeLayout, ports: NodePorts) => string[];
  ready: (layout: NodeLayout, ports: NodePorts) => Promise<boolean>;
}

const containerd: NodeComponent = {
  name: 'containerd',
  command: ({ bin }) => join(bin, 'containerd'),
  args: (layout) => ['--config', layout.containerdConfig],
  ready: async ({ bin, containerdSocket }) => {
    if (!existsSync(containerdSocket)) return false;
    const { code } = await execFileResult(join(bin, 'ctr'), ['--address', containerdSocket, 'version']);
    return code === 0;
  },
};

const apiRelay: NodeComponent = {
  name: 'api-relay',
  command: () => process.execPath,
  args: (_layout, ports) => [
    join(import.meta.dirname, 'apiRelay.ts'),
    nodeIp,
    String(apiRelayPort),
    String(ports.apiserver),
  ],
  ready: async () => {
    const { code } = await execFileResult('bash', ['-c', `exec 3<>/dev/tcp/${nodeIp}/${apiRelayPort}`]);
    return code === 0;
  },
};

const kubeProxy: NodeComponent = {
  name: 'kube-proxy',
  command: ({ bin }) => join(bin, 'kube-proxy'),
  args: (layout) => [`--config=${kubeProxyConfigPath(layout)}`],
  ready: (_layout, ports) => probeOk(`http://127.0.0.1:${ports.kubeProxyHealthz}/healthz`),
};

const kubelet: NodeComponent = {
  name: 'kubelet',
  command: ({ bin }) => join(bin, 'kubelet'),
  args: (layout) => [
    `--config=${kubeletConfigPath(layout)}`,
    `--kubeconfig=${join(layout.clusterDir, 'kubeconfigs', 'kubelet.kubeconfig')}`,
    `--hostname-override=${nodeName}`,
    `--node-ip=${nodeIp}`,
    `--root-dir=${layout.kubeletRoot}`,
    `--cert-dir=${join(layout.dir, 'kubelet-pki')}`,
  ],
  ready: (_layout, ports) => probeOk(`http://127.0.0.1:${ports.kubeletHealthz}/healthz`),
};

const coredns: NodeComponent = {
  name: 'coredns',
  command: ({ bin }) => join(bin, 'coredns'),
  args: (layout) => ['-conf', corefilePath(layout)],
  ready: (_layout, ports) => probeOk(`http://127.0.0.1:${ports.corednsReady}/ready`),
};

// kube-proxy reports healthy only once the kubelet has registered the Node it runs for.
export const nodeComponents: NodeComponent[] = [containerd, apiRelay, kubelet, kubeProxy, coredns];
