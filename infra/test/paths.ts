// Where the infrastructure code lives and where its heavy, version-keyed tools are cached (outside the repo).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { googleProvider, opentofu } from './versions.ts';

export const infraDir = resolve(import.meta.dirname, '..');
export const environments = ['dev', 'stage', 'prod'] as const;
export type Environment = (typeof environments)[number];

/** Every directory Terraform runs in: reusable modules, the one-time bootstrap root, the environment roots. */
export const modules = [
  'artifact-registry',
  'bootstrap',
  'ci-identity',
  'gke',
  'network',
  'platform',
  'terraform-identity',
] as const;
export const roots = ['bootstrap', ...environments.map((env) => `envs/${env}`)] as const;

export function cacheRoot(): string {
  return process.env.PODMESH_CACHE || join(homedir(), '.cache', 'podmesh');
}

/** `terraform-provider-google-<version>/`: the build, a filesystem mirror of it, and the CLI configuration. */
export function providerDir(): string {
  return join(cacheRoot(), `terraform-provider-google-${googleProvider.version}`);
}

export function providerBinary(): string {
  return join(providerDir(), 'bin', 'terraform-provider-google');
}

/** Unpacked mirror layout: <mirror>/<hostname>/hashicorp/google/<version>/<os_arch>/terraform-provider-google_v… */
export function mirrorDir(): string {
  return join(providerDir(), 'mirror');
}

export function cliConfigFile(): string {
  return join(providerDir(), 'cli.tfrc');
}

export function tofuBinary(): string {
  return join(cacheRoot(), `opentofu-${opentofu.version}`, 'bin', 'tofu');
}
