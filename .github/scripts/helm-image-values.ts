// deploy.yml: chart values that point every service the chart runs at its image in the environment's
// registry, pinned by the digest in the release manifest (a tag alone could be moved; a digest cannot).
//   REGISTRY=<region>-docker.pkg.dev/<project>/<repository> node .github/scripts/helm-image-values.ts manifest.json
// Images the chart does not run itself (peer: each PeerMesh names its image) are reported, not invented.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ReleaseManifest } from './release-manifest.ts';

export const chartDir = join(import.meta.dirname, '..', '..', 'deploy', 'charts', 'podmesh');

type ChartValues = { services?: Record<string, unknown> } & Record<string, unknown>;

export function readChartValues(dir = chartDir): ChartValues {
  return parse(readFileSync(join(dir, 'values.yaml'), 'utf8')) as ChartValues;
}

/**
 * `image.registry` + `image.repositoryPrefix` rebuild the registry URL (the chart renders
 * `<registry>/<repositoryPrefix>/<service>:<tag>@<digest>`); each service gets its own digest.
 */
export function imageValues(manifest: ReleaseManifest, registryUrl: string, chart: ChartValues) {
  const slash = registryUrl.lastIndexOf('/');
  if (slash <= 0) throw new Error(`registry "${registryUrl}" is not <host>/<path>/<repository>`);
  const services: Record<string, { image: { digest: string } }> = {};
  const notInChart: string[] = [];
  for (const [name, { digest }] of Object.entries(manifest.images)) {
    if (chart.services && name in chart.services) services[name] = { image: { digest } };
    else notInChart.push(name);
  }
  return {
    values: {
      image: {
        registry: registryUrl.slice(0, slash),
        repositoryPrefix: registryUrl.slice(slash + 1),
        tag: `sha-${manifest.commit.slice(0, 12)}`,
        pullPolicy: 'IfNotPresent',
      },
      services,
    },
    notInChart,
  };
}

if (import.meta.main) {
  const registry = process.env.REGISTRY;
  if (!registry) throw new Error('REGISTRY is not set');
  const manifest = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as ReleaseManifest;
  const { values, notInChart } = imageValues(manifest, registry, readChartValues());
  if (notInChart.length > 0)
    console.error(`not run by the chart (left as published): ${notInChart.join(', ')}`);
  console.log(JSON.stringify(values, null, 2));
}
