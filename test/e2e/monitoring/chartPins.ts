// The e2e must run the releases production runs: the chart's pinned images (values.yaml) and the versions
// built here (the wrapper modules' go.mod) have to agree, or the build stops and says which to bump.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../cluster/paths.ts';
import { monitoringVersions } from './versions.ts';

interface MonitoringValues {
  monitoring: {
    prometheus: { image: string };
    kubeStateMetrics: { image: string };
    alertmanager: { image: string };
  };
}

const tagOf = (image: string) => image.slice(image.lastIndexOf(':') + 1);

export function assertChartPinsBuiltVersions(): void {
  const valuesFile = join(repoRoot, 'deploy', 'charts', 'podmesh', 'values.yaml');
  const { monitoring } = parse(readFileSync(valuesFile, 'utf8')) as MonitoringValues;
  const pairs = [
    [
      'Prometheus',
      monitoring.prometheus.image,
      monitoringVersions.prometheus,
      'test/e2e/build/prometheus/go.mod',
    ],
    [
      'kube-state-metrics',
      monitoring.kubeStateMetrics.image,
      monitoringVersions.kubeStateMetrics,
      'test/e2e/build/kube-state-metrics/go.mod',
    ],
    [
      'Alertmanager',
      monitoring.alertmanager.image,
      monitoringVersions.alertmanager,
      'deploy/tools/alertmanager.ts',
    ],
  ] as const;
  for (const [name, image, built, source] of pairs) {
    if (tagOf(image) !== built) {
      throw new Error(
        `the chart pins ${name} ${image} but ${source} builds ${built}: bump it to the same release`,
      );
    }
  }
}
