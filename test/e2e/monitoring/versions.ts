// The Prometheus server and kube-state-metrics the e2e cluster runs: the versions the chart pins
// (deploy/charts/podmesh/values.yaml), read from the wrapper modules' go.mod files, and the local image names.
import { join } from 'node:path';
import { alertmanagerVersion } from '../../../deploy/tools/alertmanager.ts';
import { requiredVersion } from '../../cluster/versions.ts';

export const buildDir = join(import.meta.dirname, '..', 'build');
export const prometheusModuleDir = join(buildDir, 'prometheus');
export const kubeStateMetricsModuleDir = join(buildDir, 'kube-state-metrics');

/** Prometheus 3.x is published on the Go proxy as module v0.3MM.P for release 3.MM.P. */
function releaseOfPrometheusModule(moduleVersion: string): string {
  const match = moduleVersion.match(/^v0\.3(\d\d)\.(\d+)$/);
  if (!match) throw new Error(`unexpected Prometheus module version ${moduleVersion}`);
  return `v3.${Number(match[1])}.${match[2]}`;
}

const prometheusModule = requiredVersion(prometheusModuleDir, 'github.com/prometheus/prometheus');

export const monitoringVersions = {
  prometheusModule,
  prometheus: releaseOfPrometheusModule(prometheusModule),
  kubeStateMetrics: requiredVersion(kubeStateMetricsModuleDir, 'k8s.io/kube-state-metrics/v2'),
  alertmanager: alertmanagerVersion, // built by deploy/tools/alertmanager.ts, as the deploy tests use it
};

/**
 * Local names, not upstream's: a node that holds a locally built binary under quay.io's name would lie about
 * where it came from. The tag stays the release, so the chart's version label is the same as in production.
 */
export const monitoringImages = {
  prometheus: `localhost/podmesh-e2e/prometheus:${monitoringVersions.prometheus}`,
  kubeStateMetrics: `localhost/podmesh-e2e/kube-state-metrics:${monitoringVersions.kubeStateMetrics}`,
  alertmanager: `localhost/podmesh-e2e/alertmanager:${monitoringVersions.alertmanager}`,
};
