// Small workload objects the cluster tests create. The image is never pulled: kwok simulates the kubelet.
import type { V1Deployment } from '@kubernetes/client-node';

export function deployment(name: string, replicas: number): V1Deployment {
  return {
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: 'registry.invalid/podmesh/never-pulled:1' }] },
      },
    },
  };
}
