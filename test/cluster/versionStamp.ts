// Link-time version stamp for the Kubernetes binaries, as upstream release builds carry it.
import { execFile } from './exec.ts';
import { goEnv } from './goEnv.ts';
import { kubernetesModuleDir } from './versions.ts';

/**
 * The same version stamp upstream's hack/lib/version.sh puts in release builds, so `--version`, `/version`
 * and kubectl's skew checks see v1.x.y instead of v0.0.0-master. The module zip carries no commit hash;
 * the build date is the tag's date, which keeps the build reproducible.
 */
export async function versionLdflags(): Promise<string> {
  const listed = JSON.parse(
    await execFile('go', ['list', '-m', '-json', 'k8s.io/kubernetes'], {
      cwd: kubernetesModuleDir,
      env: goEnv,
    }),
  ) as { Version: string; Time: string };
  const [major, minor] = listed.Version.replace(/^v/, '').split('.');
  const values = {
    gitVersion: listed.Version,
    gitMajor: major,
    gitMinor: minor,
    gitTreeState: 'archive',
    buildDate: listed.Time.replace(/\.\d+Z$/, 'Z'),
  };
  const stamps = Object.entries(values).flatMap(([key, value]) => [
    `-X k8s.io/component-base/version.${key}=${value}`,
    `-X k8s.io/client-go/pkg/version.${key}=${value}`,
  ]);
  return ['-s', '-w', ...stamps].join(' ');
}
