// The runtime test base, shaped like distroless nodejs: node at /nodejs/bin/node, the shared libraries it
// links (found with ldd in the Debian rootfs), passwd/group with `nonroot` (65532), /tmp — and no shell, no
// package manager. So the tests prove the images need nothing at run time that distroless lacks.
import {
  chmodSync,
  chownSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { run } from '../exec.ts';

export const nonroot = { uid: 65532, gid: 65532 };

/** Shared libraries `ldd` lists for a binary inside the rootfs, as absolute paths in that rootfs. */
async function linkedLibraries(rootfs: string, binaryInRootfs: string): Promise<string[]> {
  const output = await run('chroot', [rootfs, '/usr/bin/ldd', binaryInRootfs]);
  return [...output.matchAll(/(?:=>\s+)?(\/\S+)\s+\(0x/g)].map((match) => match[1] as string);
}

/** Copies `path` from the rootfs, recreating every symlink on the way (usr-merged /lib, soname links). */
function copyFollowingLinks(rootfs: string, tree: string, path: string, depth = 0): void {
  if (depth > 20) throw new Error(`symlink loop at ${path}`);
  const parts = path.split('/').filter(Boolean);
  for (let index = 1; index <= parts.length; index++) {
    const prefix = `/${parts.slice(0, index).join('/')}`;
    const stat = lstatSync(join(rootfs, prefix));
    if (stat.isSymbolicLink()) {
      const link = readlinkSync(join(rootfs, prefix));
      mkdirSync(dirname(join(tree, prefix)), { recursive: true });
      try {
        symlinkSync(link, join(tree, prefix));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const resolved = posix.resolve(posix.dirname(prefix), link, ...parts.slice(index));
      copyFollowingLinks(rootfs, tree, resolved, depth + 1);
      return;
    }
    if (index === parts.length) {
      mkdirSync(dirname(join(tree, prefix)), { recursive: true });
      copyFileSync(join(rootfs, prefix), join(tree, prefix));
      chmodSync(join(tree, prefix), stat.mode & 0o7777);
    }
  }
}

export async function assembleRuntimeTree(rootfs: string, nodeBinary: string, tree: string): Promise<void> {
  mkdirSync(join(tree, 'nodejs/bin'), { recursive: true });
  copyFileSync(nodeBinary, join(tree, 'nodejs/bin/node'));
  chmodSync(join(tree, 'nodejs/bin/node'), 0o755);
  for (const library of await linkedLibraries(rootfs, '/usr/local/bin/node')) {
    copyFollowingLinks(rootfs, tree, library);
  }
  for (const file of ['/etc/nsswitch.conf', '/etc/os-release', '/etc/host.conf']) {
    copyFollowingLinks(rootfs, tree, file);
  }
  const etc = join(tree, 'etc');
  writeFileSync(
    join(etc, 'passwd'),
    [
      'root:x:0:0:root:/root:/sbin/nologin',
      'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin',
      `nonroot:x:${nonroot.uid}:${nonroot.gid}:nonroot:/home/nonroot:/sbin/nologin`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(etc, 'group'),
    ['root:x:0:', 'nobody:x:65534:', `nonroot:x:${nonroot.gid}:`, ''].join('\n'),
  );
  for (const [path, mode] of [
    ['tmp', 0o1777],
    ['root', 0o700],
    ['home/nonroot', 0o700],
  ] as const) {
    mkdirSync(join(tree, path), { recursive: true });
    chmodSync(join(tree, path), mode);
  }
  chownSync(join(tree, 'home/nonroot'), nonroot.uid, nonroot.gid);
}
