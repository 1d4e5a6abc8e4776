// Client identities of the node's processes, issued from the control plane's CA when the node joins.
// The names are the ones bootstrap RBAC and the Node authorizer expect.
import { join } from 'node:path';
import type { ClientIdentity } from '../certificates.ts';
import { issueClientCertificate } from '../certificates.ts';
import { writeKubeconfig } from '../kubeconfig.ts';
import { nodeName } from './addresses.ts';

export const nodeIdentities: ClientIdentity[] = [
  { file: 'kubelet', user: `system:node:${nodeName}`, groups: ['system:nodes'] },
  { file: 'kube-proxy', user: 'system:kube-proxy' }, // bound to system:node-proxier
  { file: 'coredns', user: 'podmesh:coredns' }, // bound by coredns.ts's ClusterRoleBinding
];

/** Certificates and kubeconfigs (<cluster>/kubeconfigs/<file>.kubeconfig) pointing at the loopback API. */
export async function writeNodeIdentities(clusterDir: string, apiserverPort: number): Promise<void> {
  const pki = join(clusterDir, 'pki');
  await Promise.all(nodeIdentities.map((identity) => issueClientCertificate(pki, identity)));
  for (const { file } of nodeIdentities) {
    const path = join(clusterDir, 'kubeconfigs', `${file}.kubeconfig`);
    writeKubeconfig(path, `https://127.0.0.1:${apiserverPort}`, pki, file);
  }
}
