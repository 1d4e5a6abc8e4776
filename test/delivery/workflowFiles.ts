// Every workflow and local action of .github/, read once as text and as parsed YAML, for the policy tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const githubDir = join(repoRoot, '.github');

export type YamlFile = { path: string; text: string; data: Record<string, unknown> };

function read(path: string): YamlFile {
  const text = readFileSync(path, 'utf8');
  return { path: relative(repoRoot, path), text, data: parse(text) as Record<string, unknown> };
}

export function workflowFiles(): YamlFile[] {
  const dir = join(githubDir, 'workflows');
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => read(join(dir, name)));
}

export function actionFiles(): YamlFile[] {
  const dir = join(githubDir, 'actions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(dir, entry.name, 'action.yml'))
    .filter((path) => existsSync(path))
    .map(read);
}

/** Every `uses:` value with the line it is on (the line keeps the `# vX.Y.Z` comment YAML drops). */
export function usesLines(file: YamlFile): { line: number; uses: string; text: string }[] {
  return file.text.split('\n').flatMap((text, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*['"]?([^\s'"#]+)/.exec(text);
    return match?.[1] ? [{ line: index + 1, uses: match[1], text }] : [];
  });
}
