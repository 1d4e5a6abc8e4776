// API-watch mode, when PEER_CONFIGMAP names a ConfigMap. The Kubernetes client is imported only here: it costs
// start-up time and memory that the file-only mode does not need.
import { readFileSync } from 'node:fs';
import type { Logger } from '@podmesh/runtime';
import type { PeerConfigStore } from './peerConfigStore.ts';

const serviceAccountNamespaceFile = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

export interface ConfigMapSourceOptions {
  name: string;
  /** Empty: the pod's service-account namespace (or, outside a pod, the kubeconfig context's). */
  namespace: string;
  key: string;
  log: Logger;
  store: PeerConfigStore;
}

/** The service account's namespace in a pod; elsewhere the kubeconfig context's, else `default`. */
function defaultNamespace(contextNamespace: string | undefined): string {
  try {
    return readFileSync(serviceAccountNamespaceFile, 'utf8').trim();
  } catch {
    return contextNamespace || 'default';
  }
}

/** Starts the watch; resolves with its close function, or undefined when no API credentials were found. */
export async function startConfigMapSource({ name, namespace, key, log, store }: ConfigMapSourceOptions) {
  try {
    const { PooledKubeConfig } = await import('@podmesh/kube');
    const { watchConfigMap } = await import('./configMapWatcher.ts');
    const kubeConfig = new PooledKubeConfig();
    kubeConfig.loadFromDefault(); // KUBECONFIG, ~/.kube/config, then the pod's service account
    const watch = watchConfigMap({
      kubeConfig,
      namespace:
        namespace || defaultNamespace(kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace),
      name,
      key,
      log,
      onText: (text) => store.offer('configmap', text),
      onSync: (inSync) => store.setApiInSync(inSync),
    });
    return () => watch.close();
  } catch (error) {
    log.error(
      { error: (error as Error).message },
      'cannot use the Kubernetes API; using the mounted file only',
    );
    return undefined;
  }
}
