// Images on the node without any registry: the sandbox (pause) image is made from the locally built pause
// binary, and the project's images (npm run images) are copied from podman into containerd.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { discoverTargets } from '../../../scripts/images/targets.ts';
import { execFile } from '../exec.ts';
import { pauseImage } from './containerdConfig.ts';
import type { NodeLayout } from './nodeLayout.ts';

/** Kubernetes' own image namespace for CRI; images must be there for the kubelet to see them. */
const criNamespace = 'k8s.io';

function ctrArgs(layout: NodeLayout): string[] {
  return ['--address', layout.containerdSocket, '--namespace', criNamespace];
}

/**
 * podman save | ctr import, in one pipe (no temporary file of a few hundred MB). Several images go in one
 * multi-image archive: the layers they share (the Node runtime base, most of each image) are written and
 * imported once instead of once per image.
 */
export async function copyFromPodman(layout: NodeLayout, ...images: string[]): Promise<void> {
  const ctr = [join(layout.bin, 'ctr'), ...ctrArgs(layout), 'images', 'import', '-'];
  await execFile('bash', [
    '-o',
    'pipefail',
    '-c',
    `podman save --multi-image-archive --format docker-archive "$@" | ${ctr.map((a) => `'${a}'`).join(' ')}`,
    'podman-save',
    ...images,
  ]);
}

/** The pause image: one static binary, built with the node's binaries; made in podman once per build. */
export async function importPauseImage(layout: NodeLayout): Promise<void> {
  const started = performance.now();
  const exists = await execFile('podman', ['image', 'exists', pauseImage]).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const root = mkdtempSync(join(tmpdir(), 'podmesh-pause-'));
    try {
      await execFile('cp', [join(layout.bin, 'pause'), join(root, 'pause')]);
      await execFile('bash', [
        '-o',
        'pipefail',
        '-c',
        `tar -C "$0" -c pause | podman import --change 'ENTRYPOINT ["/pause"]' --change 'USER 65535:65535' - "$1"`,
        root,
        pauseImage,
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  await copyFromPodman(layout, pauseImage);
  console.log(
    `[node] pause image ${pauseImage} imported in ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
}

/**
 * Copies podman's `localhost/podmesh/<name>:<tag>` images into containerd as `docker.io/podmesh/<name>:<tag>`,
 * the name a pod's `image: podmesh/<name>:<tag>` resolves to. Returns the names copied.
 */
export async function importProjectImages(layout: NodeLayout, tag = 'dev'): Promise<string[]> {
  const started = performance.now();
  // The images `npm run images` builds (its own target list), each looked up by name: listing every podman image
  // instead fails while another user of the machine removes one ("image not known"), and would pick up strays.
  const images: string[] = [];
  for (const { name } of discoverTargets()) {
    const image = `localhost/podmesh/${name}:${tag}`;
    if (
      await execFile('podman', ['image', 'exists', image]).then(
        () => true,
        () => false,
      )
    )
      images.push(image);
  }
  const ctr = [join(layout.bin, 'ctr'), ...ctrArgs(layout)];
  if (images.length > 0) await copyFromPodman(layout, ...images);
  for (const image of images) {
    const target = image.replace(/^localhost\//, 'docker.io/');
    await execFile(ctr[0] as string, [...ctr.slice(1), 'images', 'tag', '--force', image, target]);
  }
  console.log(
    `[node] imported ${images.length} image(s) from podman in ${((performance.now() - started) / 1000).toFixed(1)}s: ${images.join(', ')}`,
  );
  return images;
}
