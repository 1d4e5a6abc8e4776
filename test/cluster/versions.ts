// The pinned versions, read from the wrapper modules' go.mod files so there is one place to change them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const buildDir = join(import.meta.dirname, 'build');
export const kubernetesModuleDir = join(buildDir, 'kubernetes');
export const kwokModuleDir = join(buildDir, 'kwok');

export function requiredVersion(moduleDir: string, modulePath: string): string {
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  const escaped = modulePath.replaceAll('.', '\\.').replaceAll('/', '\\/');
  const match = goMod.match(new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm'));
  if (!match?.[1]) throw new Error(`${modulePath} is not required in ${moduleDir}/go.mod`);
  return match[1];
}

export const versions = {
  kubernetes: requiredVersion(kubernetesModuleDir, 'k8s.io/kubernetes'),
  etcd: requiredVersion(kubernetesModuleDir, 'go.etcd.io/etcd/server/v3'),
  kwok: requiredVersion(kwokModuleDir, 'sigs.k8s.io/kwok'),
};
