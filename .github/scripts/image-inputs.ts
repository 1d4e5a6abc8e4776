// Which files of the repository an image is built from, as the root Dockerfile and .dockerignore decide it:
// the build context (the .dockerignore allow-list, minus its `**/…` exclusions), of which one image uses the
// root manifests and lock file, every workspace's package.json (npm ci reads them all), packages/ and proto/,
// its own workspace and the workspaces it depends on, transitively (countries ships users' contract).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type PackageJson = {
  name?: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;

/** Workspace package name → folder, from the root package.json's `workspaces` (`dir` or `dir/*`). */
export function workspaceFolders(root: string): Map<string, string> {
  const folders = new Map<string, string>();
  for (const pattern of readJson(join(root, 'package.json')).workspaces ?? []) {
    const candidates = pattern.endsWith('/*')
      ? existsSync(join(root, pattern.slice(0, -2)))
        ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => `${pattern.slice(0, -2)}/${entry.name}`)
        : []
      : [pattern];
    for (const folder of candidates) {
      const manifest = join(root, folder, 'package.json');
      if (existsSync(manifest)) folders.set(readJson(manifest).name ?? folder, folder);
    }
  }
  return folders;
}

/** The workspace and every workspace it depends on at run time (npm ci --omit=dev links exactly these). */
export function linkedWorkspaces(root: string, workspace: string): string[] {
  const folders = workspaceFolders(root);
  const seen = new Set<string>();
  const queue = [workspace];
  while (queue.length > 0) {
    const folder = queue.shift() as string;
    if (seen.has(folder)) continue;
    seen.add(folder);
    const manifest = readJson(join(root, folder, 'package.json'));
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const linked = folders.get(name);
      if (linked) queue.push(linked);
    }
  }
  return [...seen].sort();
}

/** `**\/<glob>` lines of .dockerignore: a path whose any segment matches <glob> is not in the context. */
export function contextExclusions(root: string): RegExp[] {
  return readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('**/'))
    .map((line) => {
      const glob = line
        .slice(3)
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replaceAll('*', '[^/]*');
      return new RegExp(`(^|/)${glob}(/|$)`);
    });
}

/** A predicate over repository paths: true for every file that can change the image of `workspace`. */
export function imageInputs(root: string, workspace: string): (path: string) => boolean {
  // scripts/bundle.ts (and its folder) makes every image's bundle (ADR 0053).
  const exact = new Set([
    'Dockerfile',
    '.dockerignore',
    'package.json',
    'package-lock.json',
    'scripts/bundle.ts',
  ]);
  for (const folder of workspaceFolders(root).values()) exact.add(`${folder}/package.json`);
  const prefixes = [
    'packages/',
    'proto/',
    'scripts/bundle/',
    ...linkedWorkspaces(root, workspace).map((folder) => `${folder}/`),
  ];
  const excluded = existsSync(join(root, '.dockerignore')) ? contextExclusions(root) : [];
  return (path) =>
    exact.has(path) ||
    (prefixes.some((prefix) => path.startsWith(prefix)) && !excluded.some((pattern) => pattern.test(path)));
}
