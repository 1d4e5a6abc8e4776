// Pinned versions of the node's components, read from their wrapper modules' go.mod files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir } from '../versions.ts';

export const nodeModuleDir = join(buildDir, 'node');
export const containerdModuleDir = join(buildDir, 'containerd');
export const corednsModuleDir = join(buildDir, 'coredns');
export const pauseModuleDir = join(buildDir, 'pause');

function requiredVersion(moduleDir: string, modulePath: string): string {
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  const escaped = modulePath.replaceAll('.', '\\.').replaceAll('/', '\\/');
  const match = goMod.match(new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm'));
  if (!match?.[1]) throw new Error(`${modulePath} is not required in ${moduleDir}/go.mod`);
  return match[1];
}

export const nodeVersions = {
  kubernetes: requiredVersion(nodeModuleDir, 'k8s.io/kubernetes'),
  containerd: requiredVersion(containerdModuleDir, 'github.com/containerd/containerd/v2'),
  coredns: requiredVersion(corednsModuleDir, 'github.com/coredns/coredns'),
};
