// Shared setup for the operator's tests on the real control plane: the CRD installed, an operator process,
// and small typed accessors.
import { readFileSync } from 'node:fs';
import {
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type V1ConfigMap,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import { repoRoot, type ServiceProcess, startService } from '@podmesh/testkit/processes';
import { parseAllDocuments } from 'yaml';
import { type ControlPlane, useControlPlane } from '../../test/cluster/controlPlane.ts';
import { waitFor } from '../../test/cluster/waitFor.ts';
import { group, type PeerMesh, plural, version } from '../src/api.ts';

export { waitFor };

export async function setUp() {
  const plane = await useControlPlane();
  const crd = `${repoRoot}deploy/operator/crd.yaml`;
  const applied = await plane.kubectl(['apply', '--server-side', '--force-conflicts', '-f', crd]);
  if (applied.code !== 0) throw new Error(`CRD apply failed: ${applied.stderr}`);
  await plane.kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd/peermeshes.podmesh.dev']);
  return { plane, ...clients(plane) };
}

export function clients(plane: ControlPlane) {
  const core = plane.kubeConfig.makeApiClient(CoreV1Api);
  const apps = plane.kubeConfig.makeApiClient(AppsV1Api);
  const custom = plane.kubeConfig.makeApiClient(CustomObjectsApi);
  const leases = plane.kubeConfig.makeApiClient(CoordinationV1Api);
  const meshApi = {
    create: (namespace: string, name: string, spec: PeerMesh['spec']) =>
      custom.createNamespacedCustomObject({
        group,
        version,
        namespace,
        plural,
        body: { apiVersion: `${group}/${version}`, kind: 'PeerMesh', metadata: { name }, spec },
        fieldValidation: 'Strict',
      }),
    get: (namespace: string, name: string) =>
      custom.getNamespacedCustomObject({ group, version, namespace, plural, name }) as Promise<PeerMesh>,
    patchSpec: (namespace: string, name: string, spec: PeerMesh['spec']) =>
      custom.patchNamespacedCustomObject({
        group,
        version,
        namespace,
        plural,
        name,
        body: [{ op: 'replace', path: '/spec', value: spec }],
      }),
    delete: (namespace: string, name: string) =>
      custom.deleteNamespacedCustomObject({ group, version, namespace, plural, name }),
  };
  const statefulSet = (namespace: string, name: string): Promise<V1StatefulSet> =>
    apps.readNamespacedStatefulSet({ namespace, name });
  const configMap = (namespace: string, name: string): Promise<V1ConfigMap> =>
    core.readNamespacedConfigMap({ namespace, name: `${name}-peers` });
  return { core, apps, custom, leases, meshApi, statefulSet, configMap };
}

export function peersIn(configMap: V1ConfigMap): string[] {
  const [document] = parseAllDocuments(configMap.data?.['peers.yaml'] ?? '');
  return (document?.toJS()?.peers as string[]) ?? [];
}

export function readyCondition(mesh: PeerMesh) {
  return mesh.status?.conditions?.find((c) => c.type === 'Ready');
}

export async function waitReady(get: () => Promise<PeerMesh>, replicas: number, timeoutMs = 60_000) {
  return waitFor(
    `PeerMesh Ready with ${replicas} peers`,
    async () => {
      const mesh = await get();
      const ready = readyCondition(mesh)?.status === 'True' && mesh.status?.readyReplicas === replicas;
      return ready && mesh.status?.observedGeneration === mesh.metadata?.generation ? mesh : undefined;
    },
    { timeoutMs },
  );
}

export function startOperator(
  plane: ControlPlane,
  leaseNamespace: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  return startService('operator', {
    entry: 'operator/src/main.ts',
    env: {
      KUBECONFIG: plane.kubeconfigPath,
      LEASE_NAMESPACE: leaseNamespace,
      PEER_IMAGE: 'podmesh/peer:test',
      ...env,
    },
  });
}

export const crdText = () => readFileSync(`${repoRoot}deploy/operator/crd.yaml`, 'utf8');
