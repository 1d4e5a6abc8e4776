// Status follows the Kubernetes conventions: observedGeneration plus Ready / Progressing / Degraded conditions,
// whose lastTransitionTime changes only when the condition's status does.
import type { V1Condition, V1StatefulSet } from '@kubernetes/client-node';
import type { PeerMesh, PeerMeshStatus } from './api.ts';
import { selectorLabels } from './children.ts';

export interface Observed {
  statefulSet?: V1StatefulSet;
  peers: string[];
  desiredReplicas: number;
  /** Set when applying the children failed: the mesh is Degraded with this message. */
  error?: string;
}

type ConditionInput = Pick<V1Condition, 'type' | 'status' | 'reason' | 'message'>;

export function computeStatus(mesh: PeerMesh, observed: Observed, now = new Date()): PeerMeshStatus {
  const generation = mesh.metadata?.generation ?? 0;
  const set = observed.statefulSet;
  const readyReplicas = set?.status?.readyReplicas ?? 0;
  const currentReplicas = set?.status?.replicas ?? 0;
  const setCaughtUp = (set?.status?.observedGeneration ?? -1) >= (set?.metadata?.generation ?? 0);
  const settled =
    setCaughtUp && currentReplicas === observed.desiredReplicas && readyReplicas === observed.desiredReplicas;
  const conditions: ConditionInput[] = [
    observed.error
      ? { type: 'Ready', status: 'False', reason: 'ReconcileFailed', message: observed.error }
      : settled
        ? {
            type: 'Ready',
            status: 'True',
            reason: 'AllPeersReady',
            message: `${readyReplicas}/${observed.desiredReplicas} peers ready`,
          }
        : {
            type: 'Ready',
            status: 'False',
            reason: 'PeersNotReady',
            message: `${readyReplicas}/${observed.desiredReplicas} peers ready`,
          },
    settled || observed.error
      ? { type: 'Progressing', status: 'False', reason: 'Settled', message: 'no change in progress' }
      : {
          type: 'Progressing',
          status: 'True',
          reason: 'Scaling',
          message: `moving to ${observed.desiredReplicas} peers`,
        },
    observed.error
      ? { type: 'Degraded', status: 'True', reason: 'ReconcileFailed', message: observed.error }
      : { type: 'Degraded', status: 'False', reason: 'AsExpected', message: 'children applied' },
  ];
  return {
    observedGeneration: generation,
    replicas: currentReplicas,
    readyReplicas,
    peers: observed.peers,
    selector: Object.entries(selectorLabels(mesh.metadata?.name ?? ''))
      .map(([key, value]) => `${key}=${value}`)
      .join(','),
    conditions: conditions.map((condition) =>
      withTransitionTime(condition, mesh.status?.conditions, generation, now),
    ),
  };
}

function withTransitionTime(
  condition: ConditionInput,
  previous: V1Condition[] | undefined,
  generation: number,
  now: Date,
): V1Condition {
  const before = previous?.find((c) => c.type === condition.type);
  const lastTransitionTime = before && before.status === condition.status ? before.lastTransitionTime : now;
  return {
    ...condition,
    reason: condition.reason,
    message: condition.message ?? '',
    observedGeneration: generation,
    lastTransitionTime,
  };
}

/** Equal apart from timestamps' representation: avoids a status write (and a watch event) when nothing changed. */
export function sameStatus(a: PeerMeshStatus | undefined, b: PeerMeshStatus): boolean {
  const normalise = (status: PeerMeshStatus | undefined) =>
    JSON.stringify(status, (key, value) =>
      key === 'lastTransitionTime' ? new Date(value).toISOString() : value,
    );
  return normalise(a) === normalise(b);
}
