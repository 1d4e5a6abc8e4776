// A minimal Debian root filesystem made with debootstrap: the ground both local test bases stand on.
// Made once per cache key; a half-made one (interrupted run) is thrown away and made again.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../exec.ts';
import { debianMirror } from './debianMirror.ts';

export async function ensureRootfs(dir: string, suite: string): Promise<string> {
  const rootfs = join(dir, 'rootfs');
  const done = join(dir, 'rootfs.done');
  if (existsSync(done)) return rootfs;
  rmSync(rootfs, { recursive: true, force: true });
  const mirror = debianMirror(suite);
  console.log(`[containers] debootstrap --variant=minbase ${suite} from ${mirror}`);
  await run('debootstrap', ['--variant=minbase', suite, rootfs, mirror]);
  // Package lists and caches are not part of a base image.
  for (const path of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
    rmSync(join(rootfs, path), { recursive: true, force: true });
  }
  writeFileSync(done, `${suite} ${mirror}\n`);
  return rootfs;
}
