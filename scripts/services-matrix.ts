// The image build matrix, discovered from the tree so that adding a service needs no workflow edit: the
// same targets `npm run images` builds (scripts/images/targets.ts: every service with a src/main.ts, and the
// operator once it exists), each `docker build --build-arg SERVICE=<name>`. Workflows read the JSON this
// prints with `fromJSON(...)`.
//
//   node scripts/services-matrix.ts                 {"include":[{"name":"countries",…},…]}
//   node scripts/services-matrix.ts --source-keys   … plus "source-key": a hash of every file the image is built from
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { imageInputs } from '../.github/scripts/image-inputs.ts';
import { discoverTargets, type ImageTarget, repoRoot } from './images/targets.ts';

/**
 * Content address of a target's inputs at a commit: git's blob ids of every input file, hashed. Equal keys
 * mean byte-identical build inputs, so release reuses the image already published under `src-<key>`.
 */
export function sourceKey(root: string, target: ImageTarget, commit = 'HEAD'): string {
  const isInput = imageInputs(root, target.workspace);
  const listing = execFileSync('git', ['ls-tree', '-r', '--full-tree', commit], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((line) => isInput(line.slice(line.indexOf('\t') + 1)))
    .join('\n');
  return createHash('sha256').update(`v1\n${target.name}\n${listing}`).digest('hex').slice(0, 20);
}

/** `{"include":[{"name":"users","workspace":"services/users"},…]}`, the shape `strategy.matrix` takes. */
export function matrix(root: string, withSourceKeys: boolean) {
  return {
    include: discoverTargets(root).map((target) => ({
      name: target.name,
      workspace: target.workspace,
      ...(withSourceKeys ? { 'source-key': sourceKey(root, target) } : {}),
    })),
  };
}

if (import.meta.main) {
  console.log(JSON.stringify(matrix(repoRoot, process.argv.includes('--source-keys'))));
}
