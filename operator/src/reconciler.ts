// Level-based reconcile of one PeerMesh: read it whole, apply every child with server-side apply (one field
// manager, so hand edits to our fields are overwritten and deleted children come back), then write status
// only when it changed. The applies are skipped when nothing can have drifted since the last ones
// (appliedChildren.ts): most wake-ups are the StatefulSet's status moving, which only changes our status.
// Safe to run any number of times, from any state, after any crash (a new process applies everything once).
import {
  type CustomObjectsApi,
  type KubernetesObject,
  type KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import type { Logger } from '@podmesh/runtime';
import { fieldManager, group, kind, type PeerMesh, plural, resolveSpec, version } from './api.ts';
import { type AppliedChildren, hashDesired, type ObservedChild } from './appliedChildren.ts';
import { desiredChildren } from './children.ts';
import type { MeshEvents } from './events.ts';
import { peerAddresses } from './peers.ts';
import { computeStatus, sameStatus } from './status.ts';

export interface ReconcilerDeps {
  objects: KubernetesObjectApi;
  customObjects: CustomObjectsApi;
  log: Logger;
  events: MeshEvents;
  defaultImage: string;
  /** The PeerMesh as the informer last saw it (undefined once deleted). */
  getMesh(namespace: string, name: string): PeerMesh | undefined;
  /** The mesh's watched children (StatefulSet, ConfigMap, Service) as the informers last saw them. */
  observeChildren(namespace: string, name: string): ObservedChild[];
  applied: AppliedChildren;
  /** Every mesh is applied again at least this often: drift in the kinds that are not watched is undone. */
  resyncMs: number;
}

export interface ReconcileResult {
  /** Check again later even without events (the resync). */
  requeueAfterMs?: number;
  /** The children were applied (not only the status recomputed). */
  applied?: boolean;
}

const applyOptions = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);

export function createReconciler(deps: ReconcilerDeps) {
  const { objects, customObjects, log, events, defaultImage, getMesh, observeChildren, applied, resyncMs } =
    deps;
  async function apply<T extends KubernetesObject>(object: T): Promise<T> {
    return objects.patch(object, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply);
  }

  return async function reconcile(key: string): Promise<ReconcileResult> {
    const [namespace = '', name = ''] = key.split('/');
    const mesh = getMesh(namespace, name);
    // Deleted: owner references let the garbage collector remove every child; nothing to do here.
    if (!mesh || mesh.metadata?.deletionTimestamp) {
      applied.forget(key);
      return {};
    }
    let appliedChildren = false;
    const spec = resolveSpec(mesh, defaultImage);
    const desired = desiredChildren(mesh, spec);
    const desiredHash = hashDesired(desired);
    const observed = observeChildren(namespace, name);
    let statefulSet = observed.find((child) => child.kind === 'StatefulSet')?.object as
      | V1StatefulSet
      | undefined;
    let error: string | undefined;
    if (applied.needsApply(key, desiredHash, observed)) {
      try {
        // Three waves. Everything the pods need (ServiceAccount, its Role, the ConfigMap, …) at once; then the
        // RoleBinding, which RBAC lets us create only once the Role it binds exists (its escalation check reads
        // the Role; before, every first apply failed as 'rolebindings "<mesh>-peer" not found'); then the
        // StatefulSet: created before its ServiceAccount, its pods are refused by admission and the controller
        // manager retries with backoff, filling the StatefulSet's events with FailedCreate.
        const waves = [
          desired.filter((child) => child.kind !== 'StatefulSet' && child.kind !== 'RoleBinding'),
          desired.filter((child) => child.kind === 'RoleBinding'),
          desired.filter((child) => child.kind === 'StatefulSet'),
        ];
        appliedChildren = true;
        const previousHash = applied.lastHash(key);
        applied.startApply(key);
        const written: KubernetesObject[] = [];
        for (const wave of waves) written.push(...(await Promise.all(wave.map((child) => apply(child)))));
        applied.record(key, desiredHash, written);
        if (!statefulSet && !previousHash)
          events.record(mesh, 'Created', `created the StatefulSet and ${written.length - 1} companions`);
        else if (previousHash && previousHash !== desiredHash)
          events.record(mesh, 'Updated', `applied spec generation ${mesh.metadata?.generation}`);
        statefulSet = written.find((child) => child.kind === 'StatefulSet') as V1StatefulSet | undefined;
      } catch (cause) {
        applied.forget(key);
        error = describe(cause);
        events.record(mesh, 'ReconcileFailed', error);
      }
    }
    const status = computeStatus(mesh, {
      ...(statefulSet ? { statefulSet } : {}),
      peers: peerAddresses(name, spec.replicas, spec.port),
      desiredReplicas: spec.replicas,
      ...(error ? { error } : {}),
    });
    if (!sameStatus(mesh.status, status)) {
      await customObjects.patchNamespacedCustomObjectStatus(
        {
          group,
          version,
          namespace,
          plural,
          name,
          body: { apiVersion: `${group}/${version}`, kind, metadata: { name, namespace }, status },
          fieldManager,
          force: true,
        },
        applyOptions,
      );
      log.info({ mesh: key, readyReplicas: status.readyReplicas, replicas: spec.replicas }, 'status updated');
    }
    if (error) throw new Error(error);
    // No polling while peers start: every change of the StatefulSet's status is a watch event that
    // queues this mesh again. The timed requeue is only the resync.
    return { requeueAfterMs: resyncMs, applied: appliedChildren };
  };
}

function describe(error: unknown): string {
  const body = (error as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body).message ?? body;
    } catch {
      return body;
    }
  }
  return (error as Error).message ?? String(error);
}
