// The simulated node kwok keeps Ready. No taint, so ordinary pods schedule on it without tolerations.
import { CoreV1Api, type KubeConfig, type V1Node } from '@kubernetes/client-node';

export const kwokNodeName = 'kwok-node-0';
/** kwok only manages nodes carrying this annotation (it is started with the matching selector). */
export const kwokNodeAnnotation = { key: 'kwok.x-k8s.io/node', value: 'fake' };

// ephemeral-storage too: the chart's Prometheus and Alertmanager request it (their data is on an emptyDir),
// and a node that reports none fits no such pod.
const capacity = { cpu: '32', memory: '256Gi', pods: '110', 'ephemeral-storage': '500Gi' };

const node: V1Node = {
  metadata: {
    name: kwokNodeName,
    annotations: { [kwokNodeAnnotation.key]: kwokNodeAnnotation.value, 'node.alpha.kubernetes.io/ttl': '0' },
    labels: {
      'kubernetes.io/hostname': kwokNodeName,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      type: 'kwok',
    },
  },
  status: { allocatable: capacity, capacity },
};

/** Creates the node if missing; true once kwok has reported it Ready. */
export async function kwokNodeReady(kubeConfig: KubeConfig): Promise<boolean> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const existing = await core.readNode({ name: kwokNodeName }).catch((error: { code?: number }) => {
    if (error.code === 404) return core.createNode({ body: node });
    throw error;
  });
  const ready = existing.status?.conditions?.find((condition) => condition.type === 'Ready');
  return ready?.status === 'True';
}
