// What "pinned" means here: a remote action by the full 40-hex commit SHA, with the release tag that SHA was
// read from as a comment (what Dependabot updates and a reviewer reads). Local actions (./…) are exempt.
export type UsesProblem = { uses: string; problem: string };

const pinned = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/;
const tagComment = /#\s*v\d+(\.\d+){0,2}\b/;

export function checkUses(uses: string, line: string): UsesProblem | undefined {
  if (uses.startsWith('./')) return undefined;
  if (uses.startsWith('docker://')) {
    return /@sha256:[0-9a-f]{64}$/.test(uses)
      ? undefined
      : { uses, problem: 'docker image not pinned by digest' };
  }
  if (!pinned.test(uses)) return { uses, problem: 'not pinned to a full 40-hex commit SHA' };
  if (!tagComment.test(line))
    return { uses, problem: 'no "# vX.Y.Z" comment naming the release of that SHA' };
  return undefined;
}
