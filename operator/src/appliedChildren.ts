// What the last successful apply of each mesh wrote, so that a reconcile woken only by a child's status (the
// StatefulSet's ready count moving) or by the echo of our own writes skips the eight applies and just
// recomputes the status. Drift is still caught: a watched child whose resourceVersion (generation, for the
// StatefulSet, whose status the controller manager rewrites) differs from what we wrote, a watched child
// deleted, a changed desired state, or the periodic resync for the kinds that are not watched.
import { createHash } from 'node:crypto';
import type { KubernetesObject } from '@kubernetes/client-node';

interface Written {
  resourceVersion?: string;
  generation?: number;
}

interface MeshRecord {
  desiredHash: string;
  children: Map<string, Written>;
  appliedAt: number;
}

/** A watched child as an informer holds it: list items carry no `kind`, so it is given beside them. */
export interface ObservedChild {
  kind: string;
  object: KubernetesObject;
}

const statusWrittenByOthers = new Set(['StatefulSet', 'PodDisruptionBudget']);

const childKey = (kind: string | undefined, name: string | undefined) => `${kind}/${name}`;

export function hashDesired(children: KubernetesObject[]): string {
  return createHash('sha256').update(JSON.stringify(children)).digest('base64');
}

export class AppliedChildren {
  readonly #records = new Map<string, MeshRecord>();
  readonly #drifted = new Set<string>();
  readonly #resyncMs: number;
  readonly #now: () => number;

  constructor({ resyncMs, now = Date.now }: { resyncMs: number; now?: () => number }) {
    this.#resyncMs = resyncMs;
    this.#now = now;
  }

  /**
   * An apply of every child of the mesh begins: drift seen so far is being undone. Drift marked from here on (a
   * child deleted while the apply runs) stays marked, so the next reconcile applies again.
   */
  startApply(mesh: string): void {
    this.#drifted.delete(mesh);
  }

  /** After every child of a mesh was applied: the objects the API server returned. */
  record(mesh: string, desiredHash: string, applied: KubernetesObject[]): void {
    const children = new Map<string, Written>();
    for (const object of applied) {
      children.set(childKey(object.kind, object.metadata?.name), {
        resourceVersion: object.metadata?.resourceVersion,
        generation: object.metadata?.generation,
      });
    }
    this.#records.set(mesh, { desiredHash, children, appliedAt: this.#now() });
  }

  /** The desired state the last successful apply wrote, if any in this term. */
  lastHash(mesh: string): string | undefined {
    return this.#records.get(mesh)?.desiredHash;
  }

  /** A watched child was deleted (by hand, or by a label edit that took it out of our selector). */
  markDrifted(mesh: string): void {
    this.#drifted.add(mesh);
  }

  forget(mesh: string): void {
    this.#records.delete(mesh);
    this.#drifted.delete(mesh);
  }

  /** `observed`: the watched children as the informers see them now (missing ones are left out). */
  needsApply(mesh: string, desiredHash: string, observed: ObservedChild[]): boolean {
    const record = this.#records.get(mesh);
    if (!record || this.#drifted.has(mesh) || record.desiredHash !== desiredHash) return true;
    if (this.#now() - record.appliedAt >= this.#resyncMs) return true;
    return observed.some(({ kind, object }) => {
      const written = record.children.get(childKey(kind, object.metadata?.name));
      if (!written) return true;
      if (object.metadata?.resourceVersion === written.resourceVersion) return false;
      // The StatefulSet and the PDB have a status other controllers write; their spec changes bump the generation.
      return !statusWrittenByOthers.has(kind) || object.metadata?.generation !== written.generation;
    });
  }
}
