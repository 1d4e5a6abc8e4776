// What gets an image: every `services/<name>/src/main.ts`, and `operator/src/main.ts` once it exists.
// Found from the tree, so a new service folder is built, tested and published without editing any list.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

export interface ImageTarget {
  /** The `SERVICE` build arg and the image name: `podmesh/<name>`. */
  name: string;
  /** The workspace folder the Dockerfile resolves `SERVICE` to. */
  workspace: string;
}

export function discoverTargets(root = repoRoot): ImageTarget[] {
  const services = readdirSync(join(root, 'services'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'services', entry.name, 'src/main.ts')))
    .map((entry) => ({ name: entry.name, workspace: `services/${entry.name}` }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const operator = existsSync(join(root, 'operator/src/main.ts'))
    ? [{ name: 'operator', workspace: 'operator' }]
    : [];
  return [...services, ...operator];
}
