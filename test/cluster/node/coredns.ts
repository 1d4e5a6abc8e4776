// CoreDNS for the test node, run as a process on the node address: cluster.local from the API server,
// nothing else (no forwarding: pods resolve cluster names only, and no query leaves the machine).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterDomain, nodeIp } from './addresses.ts';
import type { NodeLayout } from './nodeLayout.ts';

export function corefilePath(layout: NodeLayout): string {
  return join(layout.dir, 'Corefile');
}

export function writeCorefile(layout: NodeLayout, healthPort: number, readyPort: number): void {
  const kubeconfig = join(layout.clusterDir, 'kubeconfigs', 'coredns.kubeconfig');
  writeFileSync(
    corefilePath(layout),
    `.:53 {
    bind ${nodeIp}
    errors
    health 127.0.0.1:${healthPort}
    ready 127.0.0.1:${readyPort}
    kubernetes ${clusterDomain} in-addr.arpa ip6.arpa {
        kubeconfig ${kubeconfig} podmesh-test
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 5
    }
    loop
    reload
}
`,
  );
}

/** What CoreDNS's kubernetes plugin reads (upstream's system:coredns ClusterRole). */
export const corednsRbac = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: 'podmesh:coredns' }
rules:
  - { apiGroups: [''], resources: [endpoints, services, pods, namespaces], verbs: [list, watch] }
  - { apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [list, watch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: 'podmesh:coredns' }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: 'podmesh:coredns' }
subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: User, name: 'podmesh:coredns' }]
`;
