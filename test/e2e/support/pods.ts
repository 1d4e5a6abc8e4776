// Reading pods and waiting for a workload to settle, through kubectl as a user would.
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { isPresent, waitFor } from '@podmesh/testkit/waitFor';
import { kubectl, kubectlJson } from './environment.ts';

export async function podsOf(app: string): Promise<V1Pod[]> {
  const list = await kubectlJson<{ items: V1Pod[] }>(['get', 'pods', '-l', `app.kubernetes.io/name=${app}`]);
  return list.items.filter((pod) => !pod.metadata?.deletionTimestamp);
}

export function isReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function restartCount(pod: V1Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((sum, status) => sum + status.restartCount, 0);
}

/** Waits until exactly `count` pods of the app exist (none terminating) and all are Ready. */
export async function waitForReadyPods(app: string, count: number, timeoutMs = 180_000): Promise<V1Pod[]> {
  return waitFor(
    `${count} ready ${app} pods`,
    async () => {
      const pods = await podsOf(app);
      const all = await kubectlJson<{ items: V1Pod[] }>([
        'get',
        'pods',
        '-l',
        `app.kubernetes.io/name=${app}`,
      ]);
      return all.items.length === count && pods.every(isReady) ? pods : undefined;
    },
    isPresent,
    { timeoutMs, intervalMs: 1000 },
  );
}

export async function rolloutStatus(kind: string, name: string, timeoutSeconds = 240): Promise<void> {
  await kubectl(['rollout', 'status', `${kind}/${name}`, `--timeout=${timeoutSeconds}s`]);
}

export async function deployment(name: string): Promise<V1Deployment> {
  return kubectlJson<V1Deployment>(['get', 'deployment', name]);
}
