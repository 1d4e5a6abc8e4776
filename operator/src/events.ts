// Events on the PeerMesh (events.k8s.io/v1), so `kubectl describe pm` and `kubectl events` say what the operator
// did: created the children, updated them after a spec change, or failed (with the API server's message).
import { EventsV1Api, type KubeConfig, V1MicroTime } from '@kubernetes/client-node';
import type { Logger } from '@podmesh/runtime';
import { apiVersion, kind, type PeerMesh } from './api.ts';

export type MeshEventReason = 'Created' | 'Updated' | 'ReconcileFailed';

export interface MeshEvents {
  record(mesh: PeerMesh, reason: MeshEventReason, note: string): void;
}

export const reportingController = 'podmesh.dev/operator';

export function createMeshEvents(kubeConfig: KubeConfig, identity: string, log: Logger): MeshEvents {
  const api = kubeConfig.makeApiClient(EventsV1Api);
  let sequence = 0;
  return {
    record(mesh, reason, note) {
      const { name, namespace, uid, resourceVersion } = mesh.metadata ?? {};
      if (!name || !namespace) return;
      const body = {
        metadata: { name: `${name}.${Date.now().toString(16)}${(sequence++).toString(16)}`, namespace },
        eventTime: new V1MicroTime(),
        type: reason === 'ReconcileFailed' ? 'Warning' : 'Normal',
        reason,
        action: reason === 'ReconcileFailed' ? 'Reconcile' : 'Apply',
        note: note.slice(0, 1024),
        reportingController,
        reportingInstance: identity,
        regarding: { apiVersion, kind, name, namespace, uid, resourceVersion },
      };
      // Best effort, as client-go's recorder: an event that cannot be written must not fail the reconcile.
      api.createNamespacedEvent({ namespace, body }).catch((error: Error) => {
        log.warn({ mesh: `${namespace}/${name}`, reason, error: error.message }, 'could not record an event');
      });
    },
  };
}
