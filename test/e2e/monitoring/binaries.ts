// Builds (or reuses) the real Prometheus server and kube-state-metrics from the Go module proxy, each into
// its own version-keyed cache: `<cache>/prometheus-v3.5.0/`, `<cache>/kube-state-metrics-v2.16.0/`.
// Upstream's release flags, minus the `builtinassets` tag: the web UI's compiled assets are not in the module,
// so the UI answers 404 while the HTTP API, scraping and rule evaluation are the released code.
import { join } from 'node:path';
import { ensureGoBuilds } from '../../cluster/node/nodeBinaries.ts';
import { cacheRoot } from '../../cluster/paths.ts';
import { kubeStateMetricsModuleDir, monitoringVersions, prometheusModuleDir } from './versions.ts';

const versionFlag = (version: string) => `-X github.com/prometheus/common/version.Version=${version}`;

export interface MonitoringBinaries {
  prometheus: string;
  kubeStateMetrics: string;
}

/** The Prometheus server alone (deploy/test/alerting runs it over local processes); returns its path. */
export async function ensurePrometheus(): Promise<string> {
  const { prometheus, prometheusModule } = monitoringVersions;
  const prometheusDir = await ensureGoBuilds({
    log: 'monitoring',
    title: `Prometheus ${prometheus} (module ${prometheusModule})`,
    bin: join(cacheRoot(), `prometheus-${prometheus}`),
    moduleDirs: [prometheusModuleDir],
    builds: [
      {
        name: 'prometheus',
        moduleDir: prometheusModuleDir,
        packages: ['github.com/prometheus/prometheus/cmd/prometheus'],
        tags: 'netgo',
        ldflags: `-s -w ${versionFlag(prometheus.replace(/^v/, ''))}`,
        output: 'prometheus',
      },
    ],
  });
  return join(prometheusDir, 'prometheus');
}

export async function ensureMonitoringBinaries(): Promise<MonitoringBinaries> {
  const { kubeStateMetrics } = monitoringVersions;
  // One after the other: each `go build` already uses both cores.
  const prometheus = await ensurePrometheus();
  const kubeStateMetricsDir = await ensureGoBuilds({
    log: 'monitoring',
    title: `kube-state-metrics ${kubeStateMetrics}`,
    bin: join(cacheRoot(), `kube-state-metrics-${kubeStateMetrics}`),
    moduleDirs: [kubeStateMetricsModuleDir],
    builds: [
      {
        name: 'kube-state-metrics',
        moduleDir: kubeStateMetricsModuleDir,
        packages: ['k8s.io/kube-state-metrics/v2'],
        ldflags: `-s -w ${versionFlag(kubeStateMetrics)}`,
        output: 'kube-state-metrics',
      },
    ],
  });
  return {
    prometheus,
    kubeStateMetrics: join(kubeStateMetricsDir, 'kube-state-metrics'),
  };
}
