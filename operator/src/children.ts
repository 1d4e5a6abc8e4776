// Everything a PeerMesh owns, as pure functions of the resource: the reconciler applies these with
// server-side apply, so what is not listed here is not ours and is left alone.
import type { KubernetesObject } from '@kubernetes/client-node';
import { apiVersion, kind, type PeerMesh, type ResolvedSpec } from './api.ts';
import { peerAddresses, peerConfigDir, peerConfigDocument, peerConfigKey } from './peers.ts';

export const managedBy = 'podmesh-operator';
export const meshLabel = 'podmesh.dev/mesh';

export function selectorLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'peer', [meshLabel]: name };
}

function labels(name: string): Record<string, string> {
  return {
    ...selectorLabels(name),
    'app.kubernetes.io/managed-by': managedBy,
    'app.kubernetes.io/part-of': 'podmesh',
  };
}

export const configMapName = (mesh: string) => `${mesh}-peers`;
export const serviceAccountName = (mesh: string) => `${mesh}-peer`;

function metadata(mesh: PeerMesh, name: string) {
  const { name: owner, namespace, uid } = mesh.metadata as { name: string; namespace: string; uid: string };
  return {
    name,
    namespace,
    labels: labels(owner),
    ownerReferences: [{ apiVersion, kind, name: owner, uid, controller: true, blockOwnerDeletion: true }],
  };
}

export function desiredChildren(mesh: PeerMesh, spec: ResolvedSpec): KubernetesObject[] {
  const name = mesh.metadata?.name as string;
  return [
    serviceAccount(mesh, name),
    role(mesh, name),
    roleBinding(mesh, name),
    configMap(mesh, name, spec),
    headlessService(mesh, name, spec),
    statefulSet(mesh, name, spec),
    networkPolicy(mesh, name, spec),
    podDisruptionBudget(mesh, name),
  ];
}

function serviceAccount(mesh: PeerMesh, name: string): KubernetesObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata(mesh, serviceAccountName(name)) };
}

/** The peers may read and watch their own ConfigMap, and nothing else. */
function role(mesh: PeerMesh, name: string): KubernetesObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: metadata(mesh, serviceAccountName(name)),
    rules: [
      {
        apiGroups: [''],
        resources: ['configmaps'],
        resourceNames: [configMapName(name)],
        verbs: ['get', 'list', 'watch'],
      },
    ],
  } as KubernetesObject;
}

function roleBinding(mesh: PeerMesh, name: string): KubernetesObject {
  const account = serviceAccountName(name);
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: metadata(mesh, account),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: account },
    subjects: [{ kind: 'ServiceAccount', name: account, namespace: mesh.metadata?.namespace }],
  } as KubernetesObject;
}

function configMap(mesh: PeerMesh, name: string, spec: ResolvedSpec): KubernetesObject {
  const peers = peerAddresses(name, spec.replicas, spec.port);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata(mesh, configMapName(name)),
    data: { [peerConfigKey]: peerConfigDocument(peers, spec.interval) },
  } as KubernetesObject;
}

function headlessService(mesh: PeerMesh, name: string, spec: ResolvedSpec): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(mesh, name),
    spec: {
      clusterIP: 'None',
      // Peers resolve each other while starting, so a new member is pinged as soon as it listens.
      publishNotReadyAddresses: true,
      selector: selectorLabels(name),
      ports: [{ name: 'http', port: spec.port, targetPort: 'http' }],
    },
  } as KubernetesObject;
}

function networkPolicy(mesh: PeerMesh, name: string, spec: ResolvedSpec): KubernetesObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(mesh, name),
    spec: {
      podSelector: { matchLabels: selectorLabels(name) },
      policyTypes: ['Ingress'],
      ingress: [
        // Mesh members ping each other; Prometheus scrapes /metrics on the same port.
        {
          from: [{ podSelector: { matchLabels: selectorLabels(name) } }],
          ports: [{ port: spec.port, protocol: 'TCP' }],
        },
        {
          from: [
            {
              namespaceSelector: {},
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
            },
          ],
          ports: [{ port: spec.port, protocol: 'TCP' }],
        },
      ],
    },
  } as KubernetesObject;
}

function podDisruptionBudget(mesh: PeerMesh, name: string): KubernetesObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadata(mesh, name),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(name) } },
  } as KubernetesObject;
}

/**
 * The pod template depends only on image, port and resources: replicas and interval live in the ConfigMap
 * and the replica count, so changing them never rolls the pods.
 */
function statefulSet(mesh: PeerMesh, name: string, spec: ResolvedSpec): KubernetesObject {
  const probe = (path: string) => ({ httpGet: { path, port: 'http' }, periodSeconds: 5, timeoutSeconds: 2 });
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: metadata(mesh, name),
    spec: {
      replicas: spec.replicas,
      serviceName: name,
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: selectorLabels(name) },
      template: {
        metadata: {
          labels: labels(name),
          annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(spec.port) },
        },
        spec: {
          serviceAccountName: serviceAccountName(name),
          automountServiceAccountToken: true,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 10,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'peer',
              image: spec.image,
              ports: [{ name: 'http', containerPort: spec.port }],
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'PEER_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'SERVICE_NAME', value: 'peer' },
                { name: 'HOST', value: '0.0.0.0' },
                { name: 'PORT', value: String(spec.port) },
                { name: 'PEER_CONFIG_FILE', value: `${peerConfigDir}/${peerConfigKey}` },
                { name: 'PEER_CONFIGMAP', value: configMapName(name) },
              ],
              resources: spec.resources,
              // Node needs a second or more of CPU to start; at 100m that is seconds of wall time, so liveness
              // only applies once the start-up probe has seen the process answer.
              startupProbe: { ...probe('/healthz'), periodSeconds: 2, failureThreshold: 60 },
              readinessProbe: probe('/readyz'),
              livenessProbe: probe('/healthz'),
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'peers', mountPath: peerConfigDir, readOnly: true }],
            },
          ],
          volumes: [{ name: 'peers', configMap: { name: configMapName(name) } }],
        },
      },
    },
  } as KubernetesObject;
}
