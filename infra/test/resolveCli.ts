// The Terraform CLI for the checks: the machine's terraform if it satisfies required_version, else OpenTofu
// built from the Go module proxy into the version-keyed cache (hashicorp/terraform cannot be built from it).
import { accessSync, constants, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { tofuBinary } from './paths.ts';
import { run } from './run.ts';
import { opentofu, terraformCli } from './versions.ts';

export interface Cli {
  /** Absolute path of the executable. */
  path: string;
  kind: 'terraform' | 'tofu';
  version: string;
  /** Registry host that `hashicorp/google` stands for in this CLI. */
  registryHost: string;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

export function satisfiesRequiredVersion(version: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.-]/).map(Number);
  const [minMajor = 0, minMinor = 0, minPatch = 0] = terraformCli.minimum.split('.').map(Number);
  if (major >= terraformCli.belowMajor) return false;
  return major !== minMajor ? major > minMajor : minor !== minMinor ? minor > minMinor : patch >= minPatch;
}

async function versionOf(path: string): Promise<string> {
  // Without the caller's TF_CLI_CONFIG_FILE: a missing file makes tofu print a warning on stdout, before the JSON.
  const { TF_CLI_CONFIG_FILE: _ignored, ...env } = process.env;
  const printed = JSON.parse(await run(path, ['version', '-json'], { env })) as { terraform_version: string };
  return printed.terraform_version;
}

async function buildTofu(): Promise<void> {
  const started = Date.now();
  const env = { ...process.env, CGO_ENABLED: '0', GOWORK: 'off', GOFLAGS: '-buildvcs=false' };
  const work = join(dirname(dirname(tofuBinary())), 'src');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dirname(work), { recursive: true });
  const downloaded = JSON.parse(
    await run('go', ['mod', 'download', '-json', `${opentofu.goModule}@v${opentofu.version}`], {
      cwd: dirname(work),
      env,
    }),
  ) as { Dir: string };
  // Its go.mod has a replace directive, so `go install …@version` refuses it; as the main module it builds.
  cpSync(downloaded.Dir, work, { recursive: true });
  await run('chmod', ['-R', 'u+w', work]);
  await run(
    'go',
    [
      'build',
      '-trimpath',
      '-ldflags',
      `-s -w -X '${opentofu.goModule}/version.dev=no'`,
      '-o',
      tofuBinary(),
      './cmd/tofu',
    ],
    { cwd: work, env, timeoutMs: 90 * 60_000 },
  );
  rmSync(work, { recursive: true, force: true });
  console.log(`[infra] built OpenTofu ${opentofu.version} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

export async function resolveCli(options: { build: boolean } = { build: false }): Promise<Cli> {
  const terraform = process.env.PODMESH_TERRAFORM || onPath('terraform');
  if (terraform && !process.env.PODMESH_FORCE_TOFU) {
    const version = await versionOf(terraform);
    if (satisfiesRequiredVersion(version)) {
      return { path: terraform, kind: 'terraform', version, registryHost: 'registry.terraform.io' };
    }
    console.log(`[infra] ${terraform} is ${version}, outside required_version; using OpenTofu`);
  }
  if (!existsSync(tofuBinary())) {
    if (!options.build)
      throw new Error(`no terraform >= ${terraformCli.minimum} and no ${tofuBinary()}: run prepare`);
    await buildTofu();
  }
  const version = await versionOf(tofuBinary());
  return { path: tofuBinary(), kind: 'tofu', version, registryHost: 'registry.opentofu.org' };
}
