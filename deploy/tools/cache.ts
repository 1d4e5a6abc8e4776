// Heavy tools are built once into a cache outside the repository, keyed by version (never committed).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const cacheRoot = process.env.PODMESH_CACHE ?? join(homedir(), '.cache', 'podmesh');

/** `<cache>/<component>-<version>/`, e.g. `~/.cache/podmesh/helm-v4.3.1/`. */
export function cacheDir(component: string, version: string): string {
  return join(cacheRoot, `${component}-${version}`);
}
