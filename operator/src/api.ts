// The PeerMesh API (podmesh.dev/v1alpha1) as the operator sees it, with the defaults the CRD also applies.
import type { KubernetesObject, V1Condition, V1ResourceRequirements } from '@kubernetes/client-node';

export const group = 'podmesh.dev';
export const version = 'v1alpha1';
export const apiVersion = `${group}/${version}`;
export const kind = 'PeerMesh';
export const plural = 'peermeshes';
export const fieldManager = 'podmesh-operator';

export interface PeerMeshSpec {
  replicas?: number;
  interval?: string;
  image?: string;
  port?: number;
  resources?: V1ResourceRequirements;
}

export interface PeerMeshStatus {
  observedGeneration?: number;
  replicas?: number;
  readyReplicas?: number;
  peers?: string[];
  conditions?: V1Condition[];
}

export interface PeerMesh extends KubernetesObject {
  spec?: PeerMeshSpec;
  status?: PeerMeshStatus;
}

/** Requests equal to limits: the peers get the Guaranteed QoS class unless the user says otherwise. */
export const defaultResources: V1ResourceRequirements = {
  // A peer (Node 24 + the Kubernetes client) sits at ~120 MiB resident (docs/performance/images.md).
  requests: { cpu: '100m', memory: '192Mi' },
  limits: { cpu: '100m', memory: '192Mi' },
};

export interface ResolvedSpec {
  replicas: number;
  interval: string;
  image: string;
  port: number;
  resources: V1ResourceRequirements;
}

export function resolveSpec(mesh: PeerMesh, defaultImage: string): ResolvedSpec {
  const spec = mesh.spec ?? {};
  return {
    replicas: spec.replicas ?? 3,
    interval: spec.interval ?? '60s',
    image: spec.image || defaultImage,
    port: spec.port ?? 8080,
    resources: spec.resources ?? defaultResources,
  };
}
