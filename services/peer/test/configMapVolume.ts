// A directory laid out and updated the way the kubelet's atomic writer does for a ConfigMap volume:
//   peers.yaml -> ..data/peers.yaml,  ..data -> ..2026_11_23_10_00_00.000000001/
// An update writes a new timestamped directory, points `..data_tmp` at it, renames `..data_tmp` over `..data`
// (the one atomic step) and removes the old directory.
import { mkdir, mkdtemp, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ConfigMapVolume {
  dir: string;
  /** The path a pod reads: `<dir>/<key>`. */
  path: string;
  /** Resolves with the moment of the atomic `..data` swap (ms since the epoch). */
  update(content: string): Promise<number>;
  remove(): Promise<void>;
}

let sequence = 0;
function timestampedName(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '_').replace('T', '_').replace(/\..*/, '');
  sequence++;
  return `..${stamp}.${String(process.pid).padStart(7, '0')}${String(sequence).padStart(3, '0')}`;
}

export async function createConfigMapVolume(key: string, content: string): Promise<ConfigMapVolume> {
  const dir = await mkdtemp(join(tmpdir(), 'peer-volume-'));
  const update = async (next: string) => {
    const payload = timestampedName();
    await mkdir(join(dir, payload));
    await writeFile(join(dir, payload, key), next);
    const previous = await readlink(join(dir, '..data')).catch(() => undefined);
    await symlink(payload, join(dir, '..data_tmp'));
    const swappedAt = performance.timeOrigin + performance.now();
    await rename(join(dir, '..data_tmp'), join(dir, '..data'));
    if (previous) await rm(join(dir, previous), { recursive: true, force: true });
    return swappedAt;
  };
  await update(content);
  await symlink(join('..data', key), join(dir, key));
  return { dir, path: join(dir, key), update, remove: () => rm(dir, { recursive: true, force: true }) };
}
