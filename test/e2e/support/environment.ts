// What the e2e runner (test/e2e/run.ts) hands to the test files: the cluster it brought up and the release.
import { execFileResult } from '../../cluster/exec.ts';

export const namespace = 'podmesh';
export const release = 'podmesh';

export interface E2eEnvironment {
  kubeconfig: string;
  kubectl: string;
  helm: string;
}

/** undefined outside `npm run e2e`: the files then fail at once, saying how to run them (requireEnvironment). */
export function e2eEnvironment(): E2eEnvironment | undefined {
  const {
    PODMESH_E2E_KUBECONFIG: kubeconfig,
    PODMESH_E2E_KUBECTL: kubectl,
    PODMESH_E2E_HELM: helm,
  } = process.env;
  return kubeconfig && kubectl && helm ? { kubeconfig, kubectl, helm } : undefined;
}

export const skipReason = 'needs the real-node cluster: run `npm run e2e` (test/e2e/run.ts)';

export function requireEnvironment(): E2eEnvironment {
  const environment = e2eEnvironment();
  if (!environment) throw new Error(skipReason);
  return environment;
}

/** kubectl against the e2e cluster in the release's namespace; throws with its output on failure. */
export async function kubectl(args: string[], input?: string): Promise<string> {
  const { kubeconfig, kubectl: binary } = requireEnvironment();
  const result = await execFileResult(
    binary,
    [`--kubeconfig=${kubeconfig}`, `--namespace=${namespace}`, ...args],
    {
      input,
    },
  );
  if (result.code !== 0)
    throw new Error(`kubectl ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  return result.stdout;
}

export async function kubectlJson<T>(args: string[]): Promise<T> {
  return JSON.parse(await kubectl([...args, '-o', 'json'])) as T;
}

export async function helm(args: string[]): Promise<string> {
  const { kubeconfig, helm: binary } = requireEnvironment();
  const result = await execFileResult(binary, [
    `--kubeconfig=${kubeconfig}`,
    `--namespace=${namespace}`,
    ...args,
  ]);
  if (result.code !== 0)
    throw new Error(`helm ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  return result.stdout;
}
