// The release manifest: which image digest every target runs in this release. Deploys read it (deploy.yml),
// so an environment gets exactly the bytes that were built, scanned and signed — never a moving tag.
//
//   REUSED='{"users":"sha256:…"}' IMAGE_NAMESPACE=docker.io/podmesh GITHUB_SHA=… GITHUB_REF=… \
//     node .github/scripts/release-manifest.ts <dir with one file per built image, holding its digest>
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverTargets } from '../../scripts/images/targets.ts';

export type ReleaseManifest = {
  commit: string;
  ref: string;
  images: Record<string, { image: string; digest: string; built: boolean }>;
};

type Inputs = {
  targets: string[];
  built: Record<string, string>;
  reused: Record<string, string>;
  namespace: string;
  commit: string;
  ref: string;
};

const digestPattern = /^sha256:[0-9a-f]{64}$/;

/** Every target exactly once, built in this run or reused from an earlier one; anything else is an error. */
export function assembleManifest({
  targets,
  built,
  reused,
  namespace,
  commit,
  ref,
}: Inputs): ReleaseManifest {
  const images: ReleaseManifest['images'] = {};
  const problems: string[] = [];
  for (const name of targets) {
    const fresh = built[name];
    const old = reused[name];
    if (fresh && old) problems.push(`${name}: both built and reused`);
    const digest = fresh ?? old;
    if (!digest) problems.push(`${name}: neither built nor reused (did its build fail?)`);
    else if (!digestPattern.test(digest)) problems.push(`${name}: "${digest}" is not a sha256 digest`);
    else images[name] = { image: `${namespace}/${name}`, digest, built: Boolean(fresh) };
  }
  for (const name of Object.keys({ ...built, ...reused })) {
    if (!targets.includes(name)) problems.push(`${name}: not an image target of this commit`);
  }
  if (problems.length > 0) throw new Error(`release manifest is incomplete:\n  ${problems.join('\n  ')}`);
  return { commit, ref, images };
}

export function readDigests(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8').trim()]),
  );
}

export function summary(manifest: ReleaseManifest): string {
  const rows = Object.entries(manifest.images).map(
    ([name, { image, digest, built }]) =>
      `| ${name} | ${built ? 'built' : 'reused'} | \`${image}@${digest}\` |`,
  );
  return [
    `### Release ${manifest.ref} @ ${manifest.commit}`,
    '',
    '| image | | reference |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.main) {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const manifest = assembleManifest({
    targets: discoverTargets().map((target) => target.name),
    built: readDigests(process.argv[2] ?? 'digests'),
    reused: JSON.parse(process.env.REUSED || '{}') as Record<string, string>,
    namespace: env('IMAGE_NAMESPACE'),
    commit: env('GITHUB_SHA'),
    ref: env('GITHUB_REF'),
  });
  console.log(JSON.stringify(manifest, null, 2));
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary(manifest));
}
