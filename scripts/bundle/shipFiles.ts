// What a bundle still needs on disk, copied to the same paths relative to the bundle as they had relative to
// the repository root: the packages kept outside the bundle with every package they depend on, and the data
// files (not the code) of bundled packages that read files next to themselves.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

export const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Node's lookup: `node_modules/<name>` in `from` or the nearest directory above it that has one. */
export function findPackage(name: string, from: string, root: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === dirname(dir)) return undefined;
  }
}

/** The package directory a file belongs to (the nearest package.json with a name, at or above it). */
export function packageOf(file: string, root: string): string | undefined {
  for (let dir = dirname(file); dir.startsWith(root) && dir !== root; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && readManifest(dir).name) return dir;
  }
  return undefined;
}

/**
 * Copies `name` (resolved from `from`) to `<out>/node_modules/<name>` and, recursively, what it depends on: one
 * flat node_modules beside the bundle, where Node finds them from it. Dependencies nested inside a package come
 * along with it; absent optional ones are skipped; two versions of one name cannot be flattened and fail.
 */
export function copyPackageClosure(
  name: string,
  from: string,
  root: string,
  out: string,
  copied = new Map<string, string>(),
): Map<string, string> {
  const dir = findPackage(name, from, root);
  if (!dir) throw new Error(`${name} (needed from ${relative(root, from) || '.'}) is not installed`);
  const inside = [...copied.values()].some((copiedDir) => dir.startsWith(`${copiedDir}/node_modules/`));
  if (inside || copied.get(name) === dir) return copied;
  const other = copied.get(name);
  if (other)
    throw new Error(`two versions of ${name} to ship: ${relative(root, other)}, ${relative(root, dir)}`);
  copied.set(name, dir);
  cpSync(dir, join(out, 'node_modules', name), { recursive: true });
  const manifest = readManifest(dir);
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    copyPackageClosure(dependency, dir, root, out, copied);
  }
  for (const optional of Object.keys(manifest.optionalDependencies ?? {})) {
    if (findPackage(optional, dir, root)) copyPackageClosure(optional, dir, root, out, copied);
  }
  return copied;
}

const code = new Set(['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts', '.map']);

/** Copies a bundled package's files that are not code (its .proto files, package.json, licence). */
export function copyDataFiles(packageDir: string, root: string, out: string) {
  for (const entry of readdirSync(packageDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || code.has(extname(entry.name))) continue;
    const file = join(entry.parentPath, entry.name);
    if (relative(packageDir, file).split('/').includes('node_modules')) continue;
    cpSync(file, join(out, relative(root, file)));
  }
}
