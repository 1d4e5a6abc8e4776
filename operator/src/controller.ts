// Wires watches to the work queue and the queue to the reconciler. The caches run in every replica (a standby
// keeps them warm, so a new leader starts from synced caches); workers run only between lead() and standBy().
// PeerMesh events are queued only when the spec changed (generation), so the operator's own status writes never
// trigger a reconcile; events of owned children of every kind are mapped to their PeerMesh through the
// controller owner reference, so a deleted or edited child is put back within seconds. The caches keep
// trimmed objects (trim.ts).
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  KubernetesObjectApi,
  NetworkingV1Api,
  PolicyV1Api,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { type InformerEvent, startResilientInformer } from '@podmesh/kube';
import type { Logger } from '@podmesh/runtime';
import { group, kind, type PeerMesh, plural, version } from './api.ts';
import { AppliedChildren, type ObservedChild } from './appliedChildren.ts';
import { configMapName, managedBy, serviceAccountName } from './children.ts';
import type { MeshEvents } from './events.ts';
import type { OperatorMetrics } from './metrics.ts';
import { createReconciler } from './reconciler.ts';
import { trimChild, trimMesh } from './trim.ts';
import { WorkQueue } from './workQueue.ts';

export interface ControllerOptions {
  kubeConfig: KubeConfig;
  log: Logger;
  metrics: OperatorMetrics;
  events: MeshEvents;
  defaultImage: string;
  workers?: number;
  /** Every mesh is applied again at least this often, events or not (controller-runtime's SyncPeriod). */
  resyncMs?: number;
}

const keyOf = (object: KubernetesObject) => `${object.metadata?.namespace}/${object.metadata?.name}`;

function ownerKey(object: KubernetesObject): string | undefined {
  const owner = object.metadata?.ownerReferences?.find((ref) => ref.controller && ref.kind === kind);
  return owner ? `${object.metadata?.namespace}/${owner.name}` : undefined;
}

/** One leadership term: its own queue and its own record of applies (a new leader applies everything once). */
interface Term {
  queue: WorkQueue;
  applied: AppliedChildren;
  workers: Promise<void>;
}

export function startController(options: ControllerOptions) {
  const { kubeConfig, log, metrics, events, defaultImage, workers = 4, resyncMs = 10 * 60_000 } = options;
  const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  const networking = kubeConfig.makeApiClient(NetworkingV1Api);
  const policy = kubeConfig.makeApiClient(PolicyV1Api);
  const seenGeneration = new Map<string, number>();
  const labelSelector = `app.kubernetes.io/managed-by=${managedBy}`;
  let term: Term | undefined;
  /** lead() waits for the caches: a standBy() meanwhile must win. */
  let leading = false;

  const meshes = startResilientInformer<PeerMesh>({
    kubeConfig,
    log,
    path: `/apis/${group}/${version}/${plural}`,
    list: () =>
      customObjects.listCustomObjectForAllNamespaces({ group, version, resourcePlural: plural }) as Promise<
        KubernetesListObject<PeerMesh>
      >,
    onEvent: (mesh, event) => {
      trimMesh(mesh);
      const key = keyOf(mesh);
      const generation = mesh.metadata?.generation ?? 0;
      if (event === 'delete') {
        seenGeneration.delete(key);
        term?.applied.forget(key);
      } else if (event === 'update' && seenGeneration.get(key) === generation) return;
      else seenGeneration.set(key, generation);
      term?.queue.add(key);
    },
  });

  const enqueueOwner = (child: KubernetesObject, event: InformerEvent) => {
    trimChild(child);
    const key = ownerKey(child);
    if (!key || !term) return;
    if (event === 'delete') term.applied.markDrifted(key);
    term.queue.add(key);
  };
  const watchChildren = <T extends KubernetesObject>(
    path: string,
    list: (request: { labelSelector: string }) => Promise<KubernetesListObject<T>>,
  ) =>
    startResilientInformer<T>({
      kubeConfig,
      log,
      path,
      labelSelector,
      list: () => list({ labelSelector }),
      onEvent: enqueueOwner,
    });
  // Every kind the operator applies, each with the name it has for mesh `name`.
  const childInformers = [
    {
      kind: 'StatefulSet',
      name: (mesh: string) => mesh,
      informer: watchChildren('/apis/apps/v1/statefulsets', (r) => apps.listStatefulSetForAllNamespaces(r)),
    },
    {
      kind: 'ConfigMap',
      name: configMapName,
      informer: watchChildren('/api/v1/configmaps', (r) => core.listConfigMapForAllNamespaces(r)),
    },
    {
      kind: 'Service',
      name: (mesh: string) => mesh,
      informer: watchChildren('/api/v1/services', (r) => core.listServiceForAllNamespaces(r)),
    },
    {
      kind: 'ServiceAccount',
      name: serviceAccountName,
      informer: watchChildren('/api/v1/serviceaccounts', (r) => core.listServiceAccountForAllNamespaces(r)),
    },
    {
      kind: 'Role',
      name: serviceAccountName,
      informer: watchChildren('/apis/rbac.authorization.k8s.io/v1/roles', (r) =>
        rbac.listRoleForAllNamespaces(r),
      ),
    },
    {
      kind: 'RoleBinding',
      name: serviceAccountName,
      informer: watchChildren('/apis/rbac.authorization.k8s.io/v1/rolebindings', (r) =>
        rbac.listRoleBindingForAllNamespaces(r),
      ),
    },
    {
      kind: 'NetworkPolicy',
      name: (mesh: string) => mesh,
      informer: watchChildren('/apis/networking.k8s.io/v1/networkpolicies', (r) =>
        networking.listNetworkPolicyForAllNamespaces(r),
      ),
    },
    {
      kind: 'PodDisruptionBudget',
      name: (mesh: string) => mesh,
      informer: watchChildren('/apis/policy/v1/poddisruptionbudgets', (r) =>
        policy.listPodDisruptionBudgetForAllNamespaces(r),
      ),
    },
  ];
  const informers = [meshes, ...childInformers.map((child) => child.informer)];
  const whenSynced = Promise.all(informers.map((i) => i.whenSynced)).then(() => {
    log.info('caches synced');
  });
  const observeChildren = (namespace: string, name: string): ObservedChild[] =>
    childInformers.flatMap((child) => {
      const object = child.informer.informer.get(child.name(name), namespace);
      return object ? [{ kind: child.kind, object }] : [];
    });
  const objects = KubernetesObjectApi.makeApiClient(kubeConfig);

  async function runWorkers(queue: WorkQueue, applied: AppliedChildren): Promise<void> {
    const reconcile = createReconciler({
      objects,
      customObjects,
      log,
      events,
      defaultImage,
      getMesh: (namespace, name) => meshes.informer.get(name, namespace),
      observeChildren,
      applied,
      resyncMs,
    });
    const worker = async () => {
      for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
        const stopTimer = metrics.reconcileDuration.startTimer();
        try {
          const { requeueAfterMs, applied: appliedChildren } = await reconcile(key);
          queue.forget(key);
          if (requeueAfterMs) queue.addAfter(key, requeueAfterMs);
          metrics.reconciles.inc({ result: 'success' });
          if (appliedChildren) metrics.childApplies.inc();
        } catch (error) {
          const retryInMs = queue.addRateLimited(key);
          metrics.reconciles.inc({ result: 'error' });
          metrics.retries.inc();
          log.warn({ mesh: key, error: (error as Error).message, retryInMs }, 'reconcile failed');
        } finally {
          stopTimer();
          queue.done(key);
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
  }

  return {
    /** Resolves once every cache holds a complete list (readiness). */
    whenSynced,
    /** Became the leader: reconcile every mesh once, then follow events. */
    async lead(): Promise<void> {
      leading = true;
      await whenSynced;
      if (term || !leading) return;
      const queue = new WorkQueue({
        onDepth: (depth) => metrics.queueDepth.set(depth),
        onLatency: (ms) => metrics.queueLatency.observe(ms / 1000),
      });
      const applied = new AppliedChildren({ resyncMs });
      term = { queue, applied, workers: runWorkers(queue, applied) };
      for (const mesh of meshes.informer.list()) queue.add(keyOf(mesh));
      log.info('reconciling');
    },
    /** Lost the lease or shutting down: no new reconcile starts; resolves when the running ones ended. */
    async standBy(): Promise<void> {
      leading = false;
      const ending = term;
      term = undefined;
      ending?.queue.shutDown();
      await ending?.workers;
    },
    async stop(): Promise<void> {
      await this.standBy();
      await Promise.all(informers.map((i) => i.stop()));
    },
  };
}
