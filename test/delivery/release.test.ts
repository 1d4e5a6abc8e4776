// The release manifest (release.yml) and the image values deploy.yml derives from it: every image exactly
// once, by digest, and the chart renders exactly those digests from the environment's registry.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chartDir, imageValues, readChartValues } from '../../.github/scripts/helm-image-values.ts';
import { assembleManifest, summary } from '../../.github/scripts/release-manifest.ts';
import { helmPath } from '../../deploy/tools/helm.ts';
import { repoRoot } from './workflowFiles.ts';

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const commit = 'a'.repeat(40);
const base = { namespace: 'docker.io/podmesh', commit, ref: 'refs/heads/main' };

describe('release manifest', () => {
  it('takes built and reused images, each by digest', () => {
    const manifest = assembleManifest({
      ...base,
      targets: ['countries', 'users'],
      built: { users: digest(1) },
      reused: { countries: digest(2) },
    });
    assert.deepEqual(manifest.images, {
      countries: { image: 'docker.io/podmesh/countries', digest: digest(2), built: false },
      users: { image: 'docker.io/podmesh/users', digest: digest(1), built: true },
    });
    assert.match(summary(manifest), /\| users \| built \| `docker\.io\/podmesh\/users@sha256:0+1` \|/);
  });

  it('refuses a release with an image missing, doubled, unknown or not a digest', () => {
    const attempt = (built: Record<string, string>, reused: Record<string, string>) => () =>
      assembleManifest({ ...base, targets: ['countries', 'users'], built, reused });
    assert.throws(attempt({ users: digest(1) }, {}), /countries: neither built nor reused/);
    assert.throws(attempt({ users: digest(1), countries: digest(2) }, { users: digest(3) }), /users: both/);
    assert.throws(
      attempt({ users: digest(1), countries: digest(2), kv: digest(3) }, {}),
      /kv: not an image target/,
    );
    assert.throws(attempt({ users: 'latest', countries: digest(2) }, {}), /"latest" is not a sha256 digest/);
  });
});

describe('image values for the chart', () => {
  const chart = readChartValues();
  const chartServices = Object.keys(chart.services ?? {});
  const manifest = assembleManifest({
    ...base,
    targets: [...chartServices, 'peer'],
    built: Object.fromEntries([...chartServices, 'peer'].map((name, i) => [name, digest(i + 1)])),
    reused: {},
  });
  const registry = 'europe-west1-docker.pkg.dev/podmesh-dev/podmesh';
  const { values, notInChart } = imageValues(manifest, registry, chart);

  it("pins every service the chart runs to its digest in the environment's registry", () => {
    assert.deepEqual(values.image, {
      registry: 'europe-west1-docker.pkg.dev/podmesh-dev',
      repositoryPrefix: 'podmesh',
      tag: `sha-${commit.slice(0, 12)}`,
      pullPolicy: 'IfNotPresent',
    });
    assert.deepEqual(Object.keys(values.services).sort(), [...chartServices].sort());
    assert.deepEqual(notInChart, ['peer'], 'never adds a service block the chart does not have');
  });

  it('renders those exact image references with helm', {
    skip: !existsSync(helmPath) && `no helm at ${helmPath}`,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'podmesh-values-'));
    try {
      writeFileSync(join(dir, 'images.json'), JSON.stringify(values));
      const rendered = execFileSync(
        helmPath,
        [
          'template',
          'podmesh',
          chartDir,
          '--namespace',
          'podmesh',
          '--values',
          join(repoRoot, 'deploy/envs/stage.yaml'),
        ].concat(['--values', join(dir, 'images.json')]),
        { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 },
      );
      for (const [name, { digest: expected }] of Object.entries(manifest.images)) {
        if (name === 'peer') continue;
        const reference = `${registry}/${name}:sha-${commit.slice(0, 12)}@${expected}`;
        assert.ok(rendered.includes(`image: ${reference}`), `${name} renders as ${reference}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('signer identity', () => {
  const pattern = new RegExp(
    execFileSync('bash', [join(repoRoot, '.github/scripts/signer-identity.sh')], {
      encoding: 'utf8',
      env: { ...process.env, GITHUB_REPOSITORY: 'podmesh/podmesh' },
    }).trim(),
  );
  const workflow = 'https://github.com/podmesh/podmesh/.github/workflows';

  it('accepts the release workflow on main and on version tags', () => {
    assert.match(`${workflow}/release.yml@refs/heads/main`, pattern);
    assert.match(`${workflow}/release.yml@refs/tags/v1.2.3`, pattern);
  });

  it('refuses other branches, other workflows and other repositories', () => {
    for (const identity of [
      `${workflow}/release.yml@refs/heads/feature`,
      `${workflow}/release.yml@refs/tags/latest`,
      `${workflow}/ci.yml@refs/heads/main`,
      'https://github.com/someone/podmesh/.github/workflows/release.yml@refs/heads/main',
      'https://github.com/podmeshXpodmesh/.github/workflows/release.yml@refs/heads/main',
    ]) {
      assert.doesNotMatch(identity, pattern, identity);
    }
  });
});
