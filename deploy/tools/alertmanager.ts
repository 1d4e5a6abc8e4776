// alertmanager and amtool, built from their Go module (github.com/prometheus/alertmanager) and cached by
// version, like helm: tests check the chart's Alertmanager configuration with the same release the chart runs.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, cacheRoot } from './cache.ts';

const exec = promisify(execFile);

export const alertmanagerVersion = 'v0.35.0';
const alertmanagerModule = 'github.com/prometheus/alertmanager';
const goToolchain = 'go1.26.8';

const binDir = cacheDir('alertmanager', alertmanagerVersion);
export const amtoolPath = join(binDir, 'amtool');
export const alertmanagerPath = join(binDir, 'alertmanager');

/** Builds amtool and alertmanager unless both are cached; returns their paths. `log` gets progress lines. */
export async function ensureAlertmanager(
  log: (line: string) => void = () => {},
): Promise<{ amtool: string; alertmanager: string }> {
  const paths = { amtool: amtoolPath, alertmanager: alertmanagerPath };
  if (existsSync(amtoolPath) && existsSync(alertmanagerPath)) return paths;
  await mkdir(cacheRoot, { recursive: true });
  // Build into a scratch directory, then rename: a second run never sees a half-written binary.
  const scratch = await mkdtemp(join(cacheRoot, '.alertmanager-build-'));
  try {
    log(
      `building ${alertmanagerModule}/cmd/{amtool,alertmanager}@${alertmanagerVersion} (a few minutes, once)`,
    );
    // The version the release's promu sets, so `alertmanager --version` names it.
    const ldflags = `-s -w -X github.com/prometheus/common/version.Version=${alertmanagerVersion.slice(1)}`;
    const env = {
      ...process.env,
      CGO_ENABLED: '0',
      GOWORK: 'off',
      GOFLAGS: '-mod=mod',
      GOTOOLCHAIN: goToolchain, // the same compiler everywhere: the same binary everywhere
    };
    const go = (args: string[], cwd?: string) => exec('go', args, { env, cwd, maxBuffer: 16 * 1024 * 1024 });
    // The module's web UI (ui/app/dist, go:embed) is built by npm in the release and is not in the module zip:
    // build from a copy of the module with a placeholder page in its place. The API, amtool and the
    // configuration checks are untouched; only the browser UI is missing from this binary.
    const { stdout } = await go(['mod', 'download', '-json', `${alertmanagerModule}@${alertmanagerVersion}`]);
    const source = join(scratch, 'src');
    await cp(JSON.parse(stdout).Dir, source, { recursive: true });
    await exec('chmod', ['-R', 'u+w', source]);
    for (const ui of ['elm', 'mantine']) {
      const dir = join(source, 'ui', 'app', 'dist', ui);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'index.html'), 'Alertmanager built for tests without its web UI.\n');
    }
    await mkdir(binDir, { recursive: true });
    for (const cmd of ['amtool', 'alertmanager']) {
      await go(['build', '-trimpath', '-ldflags', ldflags, '-o', join(scratch, cmd), `./cmd/${cmd}`], source);
      await rename(join(scratch, cmd), join(binDir, cmd));
    }
    return paths;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
