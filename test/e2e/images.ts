// The project's images, built as `npm run images -- --local-bases` builds them (podman, local Debian bases:
// nothing is pulled). podman's layer cache makes a second run cheap; the node imports them into containerd.
// Then the monitoring images the chart deploys, built from their Go modules (monitoring/images.ts), which
// `importMonitoringImages` copies into the node's containerd once it runs.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { copyFromPodman } from '../cluster/node/nodeImages.ts';
import { nodeLayout } from '../cluster/node/nodeLayout.ts';
import { repoRoot } from '../cluster/paths.ts';
import { ensureMonitoringBinaries } from './monitoring/binaries.ts';
import { ensureMonitoringImages } from './monitoring/images.ts';
import { monitoringImages } from './monitoring/versions.ts';

function buildProjectImages(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'images.ts'), '--local-bases'], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run images exited ${code}`))));
  });
}

export async function ensureProjectImages(): Promise<void> {
  // The Go builds (CPU) overlap the podman builds (mostly npm ci and layer I/O); then both images, quickly.
  await Promise.all([buildProjectImages(), ensureMonitoringBinaries()]);
  await ensureMonitoringImages();
}

/** Copies the Prometheus and kube-state-metrics images from podman into the node's containerd, as named. */
export async function importMonitoringImages(clusterDir: string, nodeBin: string): Promise<void> {
  const started = performance.now();
  const layout = nodeLayout(clusterDir, nodeBin);
  for (const image of Object.values(monitoringImages)) await copyFromPodman(layout, image);
  console.log(
    `[e2e] imported ${Object.values(monitoringImages).join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
}
