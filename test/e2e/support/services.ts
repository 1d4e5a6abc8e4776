// Service addresses as seen from the host: ClusterIPs, translated by the node's kube-proxy (OUTPUT chain).
import type { V1Service } from '@kubernetes/client-node';
import { kubectlJson } from './environment.ts';

export async function clusterUrl(service: string, port = 8080): Promise<string> {
  const svc = await kubectlJson<V1Service>(['get', 'service', service]);
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') throw new Error(`service ${service} has no ClusterIP`);
  return `http://${ip}:${port}`;
}
