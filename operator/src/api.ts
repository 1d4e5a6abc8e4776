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
  /** The peers' pod label selector, for the scale subresource (an HPA reads it). */
  selector?: string;
}

export interface PeerMesh extends KubernetesObject {
  spec?: PeerMeshSpec;
  status?: PeerMeshStatus;
}

/**
 * The defaults, in one place: deploy/operator/crd.yaml declares the same values for the API server to fill in
 * (api.test.ts fails if the two differ), and resolveSpec applies them to objects that predate the CRD's.
 */
export const specDefaults = {
  replicas: 3,
  interval: '60s',
  port: 8080,
  // Requests equal to limits: the Guaranteed QoS class. A peer (Node 24 + the Kubernetes client) sits at
  // ~120 MiB resident (docs/performance/images.md).
  resources: {
    requests: { cpu: '100m', memory: '192Mi' },
    limits: { cpu: '100m', memory: '192Mi' },
  } satisfies V1ResourceRequirements as V1ResourceRequirements,
} as const;

/** The longest PeerMesh name that still gives valid revision labels and hostnames (crd.yaml, docs/operator.md). */
export const maxNameLength = 52;

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
    replicas: spec.replicas ?? specDefaults.replicas,
    interval: spec.interval ?? specDefaults.interval,
    image: spec.image || defaultImage,
    port: spec.port ?? specDefaults.port,
    resources: spec.resources ?? specDefaults.resources,
  };
}
