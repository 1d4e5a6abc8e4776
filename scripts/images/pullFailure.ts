// A build that cannot reach a base image's registry fails deep in the engine ("pinging container registry …
// no such host"). This turns that into what to do: build on bases made here (`--local-bases`, docs/images.md).
import { readFileSync } from 'node:fs';
import { repoRoot } from './targets.ts';

/** The Dockerfile's pinned bases (its ARG defaults), which a build without overrides pulls. */
export function dockerfileBases(): { builder: string; runtime: string } {
  const dockerfile = readFileSync(`${repoRoot}/Dockerfile`, 'utf8');
  const arg = (name: string) => new RegExp(`^ARG ${name}=(\\S+)`, 'm').exec(dockerfile)?.[1] ?? '(unknown)';
  return { builder: arg('BUILDER_IMAGE'), runtime: arg('RUNTIME_IMAGE') };
}

const unreachable = [
  /pinging container registry/i,
  /no such host/i,
  /Temporary failure in name resolution/i,
  /dial tcp[^\n]*(i\/o timeout|connection refused|network is unreachable)/i,
  /failed to resolve source metadata for [^\n]*(dial tcp|no such host|i\/o timeout|connection refused)/i,
];

/** The advice for a build error that is a base image out of reach, or undefined for any other error. */
export function explainPullFailure(
  error: unknown,
  bases: { builder: string; runtime: string },
): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!unreachable.some((pattern) => pattern.test(message))) return undefined;
  const cause = message.split('\n').find((line) => unreachable.some((pattern) => pattern.test(line)));
  return [
    'cannot pull a base image: its registry is out of reach from this machine.',
    `  bases: ${bases.builder}`,
    `         ${bases.runtime}`,
    `  engine said: ${cause?.trim()}`,
    'Build on base images made here instead (Debian + Node from the npm registry; needs debootstrap, see',
    'docs/images.md): npm run images -- --local-bases',
    'or point BUILDER_IMAGE / RUNTIME_IMAGE at a registry you can reach.',
  ].join('\n');
}
