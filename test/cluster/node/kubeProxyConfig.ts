// kube-proxy's configuration (KubeProxyConfiguration v1alpha1): iptables mode, NodePorts on the node address
// only, and no changes to host-wide sysctls (conntrack limits, route_localnet).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { clusterCidr, nodeIp, nodeName } from './addresses.ts';
import type { NodeLayout } from './nodeLayout.ts';

export function kubeProxyConfigPath(layout: NodeLayout): string {
  return join(layout.dir, 'kube-proxy-config.yaml');
}

export function writeKubeProxyConfig(layout: NodeLayout, healthzPort: number, metricsPort: number): void {
  const config = {
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    kind: 'KubeProxyConfiguration',
    mode: 'iptables',
    clientConnection: { kubeconfig: join(layout.clusterDir, 'kubeconfigs', 'kube-proxy.kubeconfig') },
    hostnameOverride: nodeName,
    bindAddress: nodeIp,
    clusterCIDR: clusterCidr,
    detectLocalMode: 'ClusterCIDR',
    healthzBindAddress: `127.0.0.1:${healthzPort}`,
    metricsBindAddress: `127.0.0.1:${metricsPort}`,
    nodePortAddresses: [`${nodeIp}/32`],
    // 0 leaves nf_conntrack_max and its timeouts as the host has them.
    conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: '0s', tcpCloseWaitTimeout: '0s' },
    iptables: { localhostNodePorts: false, masqueradeAll: false, syncPeriod: '10s', minSyncPeriod: '0s' },
  };
  writeFileSync(kubeProxyConfigPath(layout), stringify(config));
}
