// The environment roots differ by values only, and their lock files pin the provider version the checks build.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { environments, infraDir, modules, roots } from './paths.ts';
import { sourceBuildLock } from './planRoot.ts';
import { googleProvider } from './versions.ts';

const read = (path: string) => readFileSync(join(infraDir, path), 'utf8');

test('versions, providers and outputs are the same file in every environment (no copied-and-edited code)', () => {
  for (const file of ['versions.tf', 'providers.tf', 'outputs.tf']) {
    for (const env of environments)
      assert.equal(read(`envs/${env}/${file}`), read(`envs/dev/${file}`), `${env}/${file}`);
  }
});

test('backends differ only by the state prefix, and main.tf only by the values passed to the platform module', () => {
  for (const env of environments) {
    assert.equal(
      read(`envs/${env}/backend.tf`),
      read('envs/dev/backend.tf').replace('envs/dev', `envs/${env}`),
      env,
    );
    const main = read(`envs/${env}/main.tf`);
    assert.equal(
      main.match(/^(module|resource|data) /gm)?.length,
      1,
      `${env}: one block, the platform module`,
    );
    assert.match(main, /source = "\.\.\/\.\.\/modules\/platform"/, env);
  }
});

test('every root pins the CLI and the provider with ~> and commits a registry lock file for the version the checks build', () => {
  for (const root of roots) {
    assert.match(read(`${root}/versions.tf`), /required_version = "~> \d+\.\d+"/, root);
    assert.match(read(`${root}/versions.tf`), /version = "~> \d+\.\d+"/, root);
    const lockPath = join(infraDir, root, '.terraform.lock.hcl');
    assert.ok(existsSync(lockPath), `${root}/.terraform.lock.hcl is committed`);
    const lock = readFileSync(lockPath, 'utf8');
    assert.match(lock, /provider "registry\.terraform\.io\/hashicorp\/google"/, root);
    assert.match(lock, new RegExp(`version\\s+= "${googleProvider.version.replaceAll('.', '\\.')}"`), root);
    // The source build's hash matches no registry package: in a committed lock it makes `terraform init` fail
    // on GitHub and on every laptop. Committed hashes come from `terraform providers lock` against the
    // registry (.github/workflows/terraform-lock.yml); the checks add the source-build hash in their copy.
    assert.doesNotMatch(lock, new RegExp(googleProvider.sourceBuildHash.replaceAll('+', '\\+')), root);
  }
});

test("the checks' lock is the committed one with the source-build hash, also for OpenTofu", () => {
  const committed = read('envs/dev/.terraform.lock.hcl');
  const withRegistryHashes = committed.replace(
    /constraints = .*\n/,
    (line) => `${line}  hashes = [\n    "h1:registryOne=",\n    "zh:0123abcd",\n  ]\n`,
  );
  for (const lock of [committed, withRegistryHashes]) {
    const forTerraform = sourceBuildLock(lock, 'registry.terraform.io');
    assert.match(forTerraform, /version\s+= "8\.0\.0"/);
    assert.deepEqual(
      [...forTerraform.matchAll(/"(h1|zh):[^"]+"/g)].map((m) => m[0]),
      [`"${googleProvider.sourceBuildHash}"`],
    );
    assert.match(
      sourceBuildLock(lock, 'registry.opentofu.org'),
      /provider "registry\.opentofu\.org\/hashicorp\/google"/,
    );
  }
});

test('reusable modules carry no lock file and no backend: the root that calls them decides', () => {
  for (const module of modules) {
    assert.equal(existsSync(join(infraDir, 'modules', module, '.terraform.lock.hcl')), false, module);
    assert.doesNotMatch(read(`modules/${module}/versions.tf`), /backend/, module);
  }
});
