// Packages the locally built Prometheus and kube-state-metrics as images with podman, on the same local
// runtime base as the project's images (scripts/images/bases/bases.ts): nothing is pulled. podman's layer cache
// makes a second run cheap.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureAlertmanager } from '../../../deploy/tools/alertmanager.ts';
import { ensureBases } from '../../../scripts/images/bases/bases.ts';
import { detectEngine } from '../../../scripts/images/engine.ts';
import { ensureMonitoringBinaries } from './binaries.ts';
import { assertChartPinsBuiltVersions } from './chartPins.ts';
import { monitoringImages, monitoringVersions } from './versions.ts';

const keyLabel = 'dev.podmesh.e2e.build-key';

/**
 * Changes with the binary's build (its cache stamp, else the binary itself), the Containerfile and the base:
 * then the image is rebuilt.
 */
function buildKey(binary: string, containerfile: string, base: string): string {
  const hash = createHash('sha256');
  const stamp = join(dirname(binary), '.build-id');
  hash.update(readFileSync(existsSync(stamp) ? stamp : binary));
  hash.update(readFileSync(containerfile));
  hash.update(base);
  return hash.digest('hex');
}

async function buildImage(binary: string, containerfileName: string, tag: string, version: string) {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const engine = detectEngine();
  const { runtime } = await ensureBases(engine);
  const containerfile = join(import.meta.dirname, containerfileName);
  const key = buildKey(binary, containerfile, runtime);
  // Hashing a 100 MB COPY for podman's layer cache takes seconds: the label says whether anything changed.
  const existing = await engine.result([
    'image',
    'inspect',
    '--format',
    `{{index .Labels "${keyLabel}"}}`,
    tag,
  ]);
  if (existing.code === 0 && existing.stdout.trim() === key) {
    console.log(`[monitoring] reusing image ${tag} (checked in ${seconds()}s)`);
    return;
  }
  const context = mkdtempSync(join(tmpdir(), 'podmesh-monitoring-image-'));
  try {
    copyFileSync(binary, join(context, basename(binary)));
    await engine.run([
      'build',
      ...engine.containerFlags,
      '--pull=never',
      '--layers',
      '--build-arg',
      `BASE=${runtime}`,
      '--build-arg',
      `VERSION=${version}`,
      '--label',
      `${keyLabel}=${key}`,
      '--file',
      containerfile,
      '--tag',
      tag,
      context,
    ]);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  console.log(`[monitoring] image ${tag} in ${seconds()}s`);
}

/** Builds (or reuses) the binaries and the images; returns the image names (see versions.ts). */
export async function ensureMonitoringImages(): Promise<string[]> {
  assertChartPinsBuiltVersions();
  const binaries = await ensureMonitoringBinaries();
  const { prometheus, kubeStateMetrics } = monitoringVersions;
  await buildImage(binaries.prometheus, 'prometheus.Containerfile', monitoringImages.prometheus, prometheus);
  await buildImage(
    binaries.kubeStateMetrics,
    'kube-state-metrics.Containerfile',
    monitoringImages.kubeStateMetrics,
    kubeStateMetrics,
  );
  const { alertmanager } = await ensureAlertmanager((line) => console.log(`[monitoring] ${line}`));
  await buildImage(
    alertmanager,
    'alertmanager.Containerfile',
    monitoringImages.alertmanager,
    monitoringVersions.alertmanager,
  );
  return Object.values(monitoringImages);
}
