// Builds (or reuses) hashicorp/google from the Go module proxy and lays it out as a Terraform filesystem mirror.
import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { mirrorDir, providerBinary, providerDir } from './paths.ts';
import { run } from './run.ts';
import { googleProvider } from './versions.ts';

/** Static binary, flags as in the provider's .goreleaser.yml, no go.work from a parent directory. */
const goEnv = {
  ...process.env,
  CGO_ENABLED: '0',
  GOWORK: 'off',
  GOFLAGS: '-buildvcs=false',
  GOTOOLCHAIN: googleProvider.goToolchain,
};

/** Terraform's os_arch name of this machine (linux_amd64). */
export function platform(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return `${process.platform}_${arch}`;
}

/** Changes with the pinned source or the Go toolchain; a cached build with another stamp is rebuilt. */
async function buildStamp(): Promise<string> {
  const go = (await run('go', ['env', 'GOVERSION'], { env: goEnv })).trim();
  return `${googleProvider.goModule}@${googleProvider.goModuleVersion} ${go} ${platform()}\n`;
}

async function build(stamp: string): Promise<void> {
  const staging = join(providerDir(), 'staging');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const ldflags = `-s -w -X ${googleProvider.goModule}/version.ProviderVersion=${googleProvider.version}`;
  const output = await run(
    'go',
    [
      'install',
      '-trimpath',
      '-ldflags',
      ldflags,
      `${googleProvider.goModule}@${googleProvider.goModuleVersion}`,
    ],
    { cwd: staging, env: { ...goEnv, GOBIN: staging }, timeoutMs: 90 * 60_000 },
  );
  writeFileSync(join(providerDir(), 'build.log'), output);
  mkdirSync(dirname(providerBinary()), { recursive: true });
  renameSync(join(staging, 'terraform-provider-google'), providerBinary());
  rmSync(staging, { recursive: true, force: true });
  writeFileSync(join(providerDir(), 'stamp'), stamp); // written last: a half-done build is never reused
}

/** Both hostnames: `hashicorp/google` means registry.terraform.io to terraform, registry.opentofu.org to tofu. */
function writeMirror(): void {
  for (const host of ['registry.terraform.io', 'registry.opentofu.org']) {
    const dir = join(mirrorDir(), host, 'hashicorp', 'google', googleProvider.version, platform());
    const file = join(dir, `terraform-provider-google_v${googleProvider.version}_x5`);
    if (existsSync(file) && statSync(file).ino === statSync(providerBinary()).ino) continue; // already in place
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    linkSync(providerBinary(), file); // a hard link: the same bytes, so the mirror's hash is the build's
  }
}

/** Returns true when it had to build. */
export async function ensureProvider(): Promise<boolean> {
  const stamp = await buildStamp();
  const stampFile = join(providerDir(), 'stamp');
  const cached =
    existsSync(providerBinary()) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (!cached) await build(stamp);
  writeMirror();
  return !cached;
}
