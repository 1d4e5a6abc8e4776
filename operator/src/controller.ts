// Wires watches to the work queue and the queue to the reconciler. PeerMesh events are queued only when the
// spec changed (generation), so the operator's own status writes never trigger a reconcile; events of owned
// children are mapped to their PeerMesh through the controller owner reference. One informer per kind, all
// meshes together; the caches keep trimmed objects (trim.ts).
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { type InformerEvent, startResilientInformer } from '@podmesh/kube';
import type { Logger } from '@podmesh/runtime';
import { group, kind, type PeerMesh, plural, version } from './api.ts';
import { AppliedChildren, type ObservedChild } from './appliedChildren.ts';
import { configMapName, managedBy } from './children.ts';
import type { OperatorMetrics } from './metrics.ts';
import { createReconciler } from './reconciler.ts';
import { trimChild, trimMesh } from './trim.ts';
import { WorkQueue } from './workQueue.ts';

export interface ControllerOptions {
  kubeConfig: KubeConfig;
  log: Logger;
  metrics: OperatorMetrics;
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

export function startController(options: ControllerOptions) {
  const { kubeConfig, log, metrics, defaultImage, workers = 4, resyncMs = 10 * 60_000 } = options;
  const queue = new WorkQueue({ onDepth: (depth) => metrics.queueDepth.set(depth) });
  const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const seenGeneration = new Map<string, number>();
  const applied = new AppliedChildren({ resyncMs });
  const selector = `app.kubernetes.io/managed-by=${managedBy}`;

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
        applied.forget(key);
      } else if (event === 'update' && seenGeneration.get(key) === generation) return;
      else seenGeneration.set(key, generation);
      queue.add(key);
    },
  });

  const enqueueOwner = (child: KubernetesObject, event: InformerEvent) => {
    trimChild(child);
    const key = ownerKey(child);
    if (!key) return;
    if (event === 'delete') applied.markDrifted(key);
    queue.add(key);
  };
  const [statefulSets, configMaps, services] = [
    startResilientInformer({
      kubeConfig,
      log,
      path: '/apis/apps/v1/statefulsets',
      labelSelector: selector,
      list: () => apps.listStatefulSetForAllNamespaces({ labelSelector: selector }),
      onEvent: enqueueOwner,
    }),
    startResilientInformer({
      kubeConfig,
      log,
      path: '/api/v1/configmaps',
      labelSelector: selector,
      list: () => core.listConfigMapForAllNamespaces({ labelSelector: selector }),
      onEvent: enqueueOwner,
    }),
    startResilientInformer({
      kubeConfig,
      log,
      path: '/api/v1/services',
      labelSelector: selector,
      list: () => core.listServiceForAllNamespaces({ labelSelector: selector }),
      onEvent: enqueueOwner,
    }),
  ];
  const children = [statefulSets, configMaps, services];
  const observeChildren = (namespace: string, name: string): ObservedChild[] =>
    (
      [
        ['StatefulSet', statefulSets.informer.get(name, namespace)],
        ['ConfigMap', configMaps.informer.get(configMapName(name), namespace)],
        ['Service', services.informer.get(name, namespace)],
      ] as const
    ).flatMap(([kind, object]) => (object ? [{ kind, object }] : []));

  const reconcile = createReconciler({
    objects: KubernetesObjectApi.makeApiClient(kubeConfig),
    customObjects,
    log,
    defaultImage,
    getMesh: (namespace, name) => meshes.informer.get(name, namespace),
    observeChildren,
    applied,
    resyncMs,
  });

  async function worker(): Promise<void> {
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
        log.warn({ mesh: key, error: (error as Error).message, retryInMs }, 'reconcile failed');
      } finally {
        stopTimer();
        queue.done(key);
      }
    }
  }

  const running = (async () => {
    await Promise.all([meshes.started, ...children.map((c) => c.started)]);
    log.info('caches synced; reconciling');
    await Promise.all(Array.from({ length: workers }, worker));
  })();

  return {
    get synced() {
      return meshes.synced && children.every((c) => c.synced);
    },
    async stop(): Promise<void> {
      queue.shutDown();
      await Promise.all([meshes.stop(), ...children.map((c) => c.stop())]);
      await running;
    },
  };
}
