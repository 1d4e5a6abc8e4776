// Which tier each test file runs in, by what it really needs (docs/testing.md, "Two tiers").
// fast (`npm test`): Node and npm only — no root, Go, podman, containers or control plane; Linux and macOS.
// heavy (`npm run test:heavy`): tools built from source (Go), containers, a Kubernetes API server.
// e2e (`npm run e2e`): root and a real node, under its own runner (test/e2e/run.ts).
// The first rule whose path starts the file's path wins; tiers.test.ts checks every file has one.
import { globSync } from 'node:fs';

export type Tier = 'fast' | 'heavy' | 'e2e';

export interface Rule {
  path: string;
  tier: Tier;
  /** what the files need beyond `npm ci`: why they are in this tier */
  needs: string;
}

const controlPlane = 'a Kubernetes API server (test/cluster: control plane built from source with Go)';

export const rules: readonly Rule[] = [
  { path: 'services/peer/test/configMapApi.test.ts', tier: 'heavy', needs: controlPlane },
  { path: 'operator/test/', tier: 'heavy', needs: controlPlane },
  { path: 'packages/kube/test/', tier: 'heavy', needs: controlPlane },
  { path: 'test/cluster/', tier: 'heavy', needs: controlPlane },
  { path: 'test/containers/', tier: 'heavy', needs: 'root, podman, debootstrap: images built and run' },
  { path: 'deploy/test/', tier: 'heavy', needs: `helm built with Go, promtool, ${controlPlane}` },
  { path: 'infra/test/', tier: 'heavy', needs: 'terraform and the Google provider built with Go' },
  {
    path: 'test/delivery/',
    tier: 'heavy',
    needs: `actionlint built with Go, shellcheck, kubectl, helm, ${controlPlane}`,
  },
  {
    path: 'test/clients/',
    tier: 'heavy',
    needs: 'grpcurl and grpc-health-probe built with Go (third-party clients of users and kv)',
  },
  { path: 'test/e2e/', tier: 'e2e', needs: 'root and a real single-node cluster (npm run e2e)' },
  { path: 'packages/', tier: 'fast', needs: 'Node only' },
  { path: 'services/', tier: 'fast', needs: 'Node; redis-server for the counter redis store' },
  { path: 'operator/src/', tier: 'fast', needs: 'Node only (unit tests, no API server)' },
  { path: 'test/system/', tier: 'fast', needs: 'Node: every service as local processes' },
  { path: 'docs/', tier: 'fast', needs: 'Node only' },
  { path: 'scripts/', tier: 'fast', needs: 'Node only' },
];

export function ruleOf(file: string): Rule | undefined {
  return rules.find((rule) => file.startsWith(rule.path));
}

/** Every *.test.ts of the repository, relative to its root (run from there), sorted. */
export function allTestFiles(): string[] {
  return globSync('**/*.test.ts', {
    exclude: (name) => name === 'node_modules' || name.startsWith('.'),
  }).sort();
}

/** `npm test -- services/users test/system/logging.test.ts`: a folder or a file, './' and a trailing '/' ignored. */
export function normalisePath(path: string): string {
  return path.replace(/^\.\//, '').replace(/\/+$/, '');
}

const selects = (path: string, file: string) => path === '' || file === path || file.startsWith(`${path}/`);

/**
 * The files of `tier` the paths select (all of the tier's when none). A path selecting nothing, or only files of
 * another tier, is an error that says which command runs them: node would otherwise run its default globs.
 */
export function selectFiles(tier: Tier, paths: string[], files = allTestFiles()): string[] {
  const wanted = paths.length === 0 ? [''] : paths.map(normalisePath);
  const selected = new Set<string>();
  for (const path of wanted) {
    const matching = files.filter((file) => selects(path, file));
    if (matching.length === 0)
      throw new Error(
        `no test file under "${path}" (a folder or a *.test.ts file, from the repository root)`,
      );
    const inTier = matching.filter((file) => ruleOf(file)?.tier === tier);
    if (inTier.length === 0) {
      const other = ruleOf(matching[0] as string)?.tier;
      throw new Error(
        `"${path}" holds no ${tier}-tier test; its tests are in the ${other} tier: ${commandOf[other ?? 'fast']} -- ${path}`,
      );
    }
    for (const file of inTier) selected.add(file);
  }
  return [...selected].sort();
}

export const commandOf: Record<Tier, string> = {
  fast: 'npm test',
  heavy: 'npm run test:heavy',
  e2e: 'npm run e2e',
};
