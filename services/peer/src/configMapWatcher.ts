// Optional fast path in a cluster: watch this mesh's ConfigMap through the API (list + watch of one named
// object), instead of waiting for the kubelet's periodic volume sync (up to a minute or more).
// The watch itself (restarts with backoff, prompt renewal on a quiet resource) is @podmesh/kube's.
import { CoreV1Api, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { startResilientInformer } from '@podmesh/kube';
import type { Logger } from '@podmesh/runtime';

export interface ConfigMapWatcherOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  name: string;
  /** The data key holding the config document. */
  key: string;
  log: Logger;
  onText: (text: string) => void;
  /** In sync: listed and watching, and the ConfigMap exists with the key. */
  onSync: (inSync: boolean) => void;
  maxBackoffMs?: number;
}

export function watchConfigMap({
  kubeConfig,
  namespace,
  name,
  key,
  log,
  onText,
  onSync,
  maxBackoffMs,
}: ConfigMapWatcherOptions) {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const fieldSelector = `metadata.name=${name}`;
  const where = { namespace, configMap: name, key };

  function deliver(configMap: V1ConfigMap): void {
    const text = configMap.data?.[key];
    if (text === undefined) {
      log.warn(where, 'the ConfigMap has no such key; using the mounted file');
      onSync(false);
      return;
    }
    onSync(true);
    onText(text);
  }

  const watcher = startResilientInformer<V1ConfigMap>({
    kubeConfig,
    log,
    path: `/api/v1/namespaces/${namespace}/configmaps`,
    fieldSelector,
    ...(maxBackoffMs === undefined ? {} : { maxBackoffMs }),
    list: async () => {
      const list = await api.listNamespacedConfigMap({ namespace, fieldSelector });
      if (list.items.length === 0) {
        log.warn(where, 'the ConfigMap does not exist (yet); using the mounted file');
        onSync(false);
      }
      return list;
    },
    onEvent: (configMap, event) => {
      if (event !== 'delete') return deliver(configMap);
      log.warn(where, 'the ConfigMap was deleted; keeping the current config, using the mounted file');
      onSync(false);
    },
    // Until the watch is back, the mounted file is in force.
    onFailure: () => onSync(false),
  });

  return {
    close: () => watcher.stop(),
  };
}
