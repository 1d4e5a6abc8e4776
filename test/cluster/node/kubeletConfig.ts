// The kubelet's configuration file for the test node (KubeletConfiguration v1beta1).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { clusterDomain, kubeletPort, nodeIp, podCgroupRoot } from './addresses.ts';
import type { NodeLayout } from './nodeLayout.ts';

export function kubeletConfigPath(layout: NodeLayout): string {
  return join(layout.dir, 'kubelet-config.yaml');
}

export function writeKubeletConfig(layout: NodeLayout, healthzPort: number): void {
  mkdirSync(layout.podLogs, { recursive: true });
  const config = {
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    // This machine has cgroup v1 (hybrid); since 1.35 the kubelet refuses it unless told otherwise
    // (KEP-5573). cgroupfs: no systemd manages these cgroups. docs/adr/0080.
    failCgroupV1: false,
    cgroupDriver: 'cgroupfs',
    cgroupRoot: podCgroupRoot,
    containerRuntimeEndpoint: `unix://${layout.containerdSocket}`,
    // The API server reaches the kubelet (logs, exec, port-forward) on the node address only.
    address: nodeIp,
    port: kubeletPort,
    readOnlyPort: 0,
    healthzBindAddress: '127.0.0.1',
    healthzPort,
    authentication: {
      anonymous: { enabled: false },
      webhook: { enabled: true },
      x509: { clientCAFile: join(layout.clusterDir, 'pki', 'ca.crt') },
    },
    authorization: { mode: 'Webhook' },
    clusterDomain,
    clusterDNS: [nodeIp], // CoreDNS runs on the node (coredns.ts)
    resolvConf: '', // pods get cluster DNS only: nothing resolves or leaves towards the host's resolvers
    podLogsDir: layout.podLogs,
    failSwapOn: false,
    // A shared test machine: never evict test pods because a disk is merely fuller than a production node's.
    evictionHard: { 'memory.available': '100Mi', 'nodefs.available': '2%', 'imagefs.available': '2%' },
    imageGCHighThresholdPercent: 99,
    imageGCLowThresholdPercent: 98,
    serializeImagePulls: false,
    // Mounted ConfigMaps (a PeerMesh's peer list) refresh within this period (the default is 1 minute).
    syncFrequency: '10s',
    maxPods: 60,
  };
  writeFileSync(kubeletConfigPath(layout), stringify(config));
}
