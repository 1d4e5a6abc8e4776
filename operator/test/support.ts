// Shared setup for the operator's tests on the real control plane: the CRD installed, an operator process that
// authenticates as its own ServiceAccount with exactly the RBAC deploy/operator renders, and small accessors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type V1ConfigMap,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import { repoRoot, type ServiceProcess, startService } from '@podmesh/testkit/processes';
import { isPresent, isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { parseAllDocuments, stringify } from 'yaml';
import { type ControlPlane, useControlPlane } from '../../test/cluster/controlPlane.ts';
import { group, type PeerMesh, plural, version } from '../src/api.ts';

export { isPresent, isTrue, waitFor };

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
    isPresent,
    { timeoutMs },
  );
}

/** Where the operator's Lease lives: its own namespace, the only one its Role lets it write Leases in. */
export const operatorNamespace = 'podmesh-system';
export const operatorAccount = 'podmesh-operator';

/**
 * The operator's identity as deployed: the Namespace and ServiceAccount of deploy/operator/operator.yaml and all
 * of deploy/operator/rbac.yaml applied as they are, and a kubeconfig with a token for that ServiceAccount from
 * the TokenRequest API. Nothing more is granted.
 */
async function operatorKubeconfig(plane: ControlPlane): Promise<string> {
  const docs = [
    ...parseAllDocuments(readFileSync(`${repoRoot}deploy/operator/operator.yaml`, 'utf8'))
      .map((d) => d.toJS())
      .filter((d) => d?.kind === 'Namespace' || d?.kind === 'ServiceAccount'),
    ...parseAllDocuments(readFileSync(`${repoRoot}deploy/operator/rbac.yaml`, 'utf8')).map((d) => d.toJS()),
  ];
  const applied = await plane.kubectl(
    ['apply', '--server-side', '--force-conflicts', '-f', '-'],
    docs.map((d) => stringify(d)).join('---\n'),
  );
  if (applied.code !== 0) throw new Error(`RBAC apply failed: ${applied.stderr}`);
  const core = plane.kubeConfig.makeApiClient(CoreV1Api);
  const { status } = await core.createNamespacedServiceAccountToken({
    namespace: operatorNamespace,
    name: operatorAccount,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const cluster = plane.kubeConfig.getCurrentCluster();
  const ca = readFileSync(plane.kubeconfigPath, 'utf8').match(/certificate-authority-data: (\S+)/)?.[1];
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test', cluster: { server: cluster?.server, 'certificate-authority-data': ca } }],
    users: [{ name: operatorAccount, user: { token: status?.token } }],
    contexts: [{ name: 'operator', context: { cluster: 'test', user: operatorAccount } }],
    'current-context': 'operator',
  };
  const path = join(mkdtempSync(join(tmpdir(), 'operator-identity-')), 'kubeconfig');
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}

let identity: Promise<string> | undefined;
/** One token per test process (valid for an hour, longer than any suite). */
export function operatorIdentity(plane: ControlPlane): Promise<string> {
  identity ??= operatorKubeconfig(plane);
  return identity;
}

/** An operator process as its ServiceAccount; its Lease `leaseName` in podmesh-system. */
export async function startOperator(
  plane: ControlPlane,
  leaseName: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  return startService('operator', {
    entry: 'operator/src/main.ts',
    env: {
      KUBECONFIG: await operatorIdentity(plane),
      LEASE_NAMESPACE: operatorNamespace,
      LEASE_NAME: leaseName,
      PEER_IMAGE: 'podmesh/peer:test',
      ...env,
    },
  });
}

export const crdText = () => readFileSync(`${repoRoot}deploy/operator/crd.yaml`, 'utf8');
