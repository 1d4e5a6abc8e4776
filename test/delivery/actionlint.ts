// actionlint, built from its Go module at a pinned version into the version-keyed cache (never committed).
import { ensureGoTool, type GoTool, goToolDir, goToolPath } from './goTool.ts';

export const actionlintVersion = 'v1.7.12';
const actionlintTool: GoTool = {
  name: 'actionlint',
  goPackage: 'github.com/rhysd/actionlint/cmd/actionlint',
  version: actionlintVersion,
};

export const actionlintDir = goToolDir(actionlintTool);
export const actionlintPath = goToolPath(actionlintTool);

/** Returns the cached binary, building it first if absent; `built` says which happened. */
export function ensureActionlint(): Promise<{ path: string; built: boolean }> {
  return ensureGoTool(actionlintTool);
}
