// Installs the release and the operator exactly as docs/deploy.md tells a user: namespace from the chart,
// `helm upgrade --install` with the dev values, `kubectl apply --server-side -k deploy/operator`.
import { join } from 'node:path';
import { execFile } from '../cluster/exec.ts';
import { repoRoot } from '../cluster/paths.ts';
import { monitoringImages } from './monitoring/versions.ts';
import { namespace, release } from './support/environment.ts';

const chart = join(repoRoot, 'deploy', 'charts', 'podmesh');
const devValues = join(repoRoot, 'deploy', 'envs', 'dev.yaml');

export interface InstallTools {
  kubeconfig: string;
  kubectl: string;
  helm: string;
  /** Extra `--set` values this environment needs (see run.ts for why). */
  set: string[];
}

/**
 * The one override of the dev values: Prometheus, kube-state-metrics and Alertmanager from the images built here from their
 * Go modules (monitoring/), as no registry can be reached; production values keep upstream's images.
 */
const localMonitoringImages = [
  `monitoring.prometheus.image=${monitoringImages.prometheus}`,
  `monitoring.kubeStateMetrics.image=${monitoringImages.kubeStateMetrics}`,
  `monitoring.alertmanager.image=${monitoringImages.alertmanager}`,
];

/** The operator is installed first (run.ts): the chart's Prometheus scrapes it too, as docs/operator.md shows. */
const operatorMetrics = ['monitoring.prometheus.extraNamespaces={podmesh-system}'];

export async function installRelease({ kubeconfig, kubectl, helm, set }: InstallTools): Promise<void> {
  const helmArgs = [`--kubeconfig=${kubeconfig}`, `--namespace=${namespace}`];
  const sets = [...localMonitoringImages, ...operatorMetrics, ...set].flatMap((value) => ['--set', value]);
  const namespaceYaml = await execFile(helm, [
    ...helmArgs,
    'template',
    release,
    chart,
    '-f',
    devValues,
    ...sets,
    '--show-only',
    'templates/namespace.yaml',
  ]);
  await execFile(kubectl, [`--kubeconfig=${kubeconfig}`, 'apply', '-f', '-'], { input: namespaceYaml });
  await execFile(
    helm,
    [
      ...helmArgs,
      'upgrade',
      '--install',
      release,
      chart,
      '-f',
      devValues,
      ...sets,
      '--wait',
      '--timeout=10m',
    ],
    { echo: true },
  );
}

export async function installOperator({ kubeconfig, kubectl }: InstallTools): Promise<void> {
  await execFile(kubectl, [
    `--kubeconfig=${kubeconfig}`,
    'apply',
    '--server-side',
    '-k',
    join(repoRoot, 'deploy', 'operator'),
  ]);
}
