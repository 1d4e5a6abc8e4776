// Renders the chart for one environment with the pinned helm: the same call for `npm run render` and tests.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { ensureHelm } from './helm.ts';

const exec = promisify(execFile);

export const deployDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const chartDir = join(deployDir, 'charts', 'podmesh');
export const environments = ['dev', 'stage', 'prod'] as const;
export type Environment = (typeof environments)[number];

/** The Kubernetes version manifests are rendered for (and must be valid on). */
export const kubeVersion = 'v1.34.0';
export const releaseName = 'podmesh';
export const namespace = 'podmesh';

export function isEnvironment(name: string | undefined): name is Environment {
  return (environments as readonly string[]).includes(name ?? '');
}

/** helm arguments for one environment, plus optional extra values laid over it (tests add services so). */
async function withValues<T>(
  env: Environment,
  extraValues: object | undefined,
  use: (args: string[]) => Promise<T>,
): Promise<T> {
  const args = ['--values', join(deployDir, 'envs', `${env}.yaml`)];
  if (extraValues === undefined) return use(args);
  const dir = await mkdtemp(join(tmpdir(), 'podmesh-values-'));
  try {
    const file = join(dir, 'extra.json'); // JSON is YAML
    await writeFile(file, JSON.stringify(extraValues));
    return await use([...args, '--values', file]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function renderYaml(
  env: Environment,
  extraValues?: object,
  inNamespace: string = namespace,
): Promise<string> {
  const helm = await ensureHelm();
  return withValues(env, extraValues, async (values) => {
    const { stdout } = await exec(
      helm,
      [
        'template',
        releaseName,
        chartDir,
        '--namespace',
        inNamespace,
        '--kube-version',
        kubeVersion,
        ...values,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  });
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field in the tests
  spec?: any;
  [field: string]: unknown;
}

/** Every object of the stream, in order. */
export async function render(env: Environment, extraValues?: object): Promise<Manifest[]> {
  const documents = parseAllDocuments(await renderYaml(env, extraValues));
  return documents
    .map((document) => {
      if (document.errors.length > 0)
        throw new Error(`invalid YAML from helm: ${document.errors[0]?.message}`);
      return document.toJS() as Manifest | null;
    })
    .filter((manifest): manifest is Manifest => manifest !== null);
}

/** `helm lint --strict` output for one environment; rejects on any finding. */
export async function lint(env: Environment, extraValues?: object): Promise<string> {
  const helm = await ensureHelm();
  return withValues(env, extraValues, async (values) => {
    const { stdout } = await exec(helm, [
      'lint',
      '--strict',
      chartDir,
      '--kube-version',
      kubeVersion,
      ...values,
    ]);
    return stdout;
  });
}
