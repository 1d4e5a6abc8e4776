// Client identities of the test cluster. Kubernetes reads the user from the certificate's CN, groups from O.
import type { ClientIdentity } from './certificates.ts';

export const identities: ClientIdentity[] = [
  { file: 'admin', user: 'podmesh-admin', groups: ['system:masters'] },
  // The names bootstrap RBAC grants exactly what these components need.
  { file: 'kube-controller-manager', user: 'system:kube-controller-manager' },
  { file: 'kube-scheduler', user: 'system:kube-scheduler' },
  // kwok writes the status of every pod and node it simulates, which no single kubelet identity may do
  // (the Node authorizer limits a kubelet to its own node), so it acts as a cluster admin.
  { file: 'kwok', user: 'kwok', groups: ['system:masters'] },
  // How the API server authenticates to a real node's kubelet (logs, exec, port-forward; node/ adds the node).
  {
    file: 'kube-apiserver-kubelet-client',
    user: 'kube-apiserver-kubelet-client',
    groups: ['system:masters'],
  },
];
