// Every service folder is built by the workflows and deployed by the chart. A folder that is missing from
// either fails here with its name, instead of silently never reaching a cluster.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chartDir, readChartValues } from '../../.github/scripts/helm-image-values.ts';
import { matrix } from '../../scripts/services-matrix.ts';
import { repoRoot } from './workflowFiles.ts';

/** Services the chart deliberately does not run, and who does. Keep this list short and explained. */
const runOutsideTheChart: Record<string, string> = {
  peer: 'run by the PeerMesh operator: every PeerMesh names its peer image (operator/, deploy/examples/)',
};

const serviceFolders = readdirSync(join(repoRoot, 'services'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('every service is delivered', () => {
  it('finds the service folders', () => {
    assert.ok(serviceFolders.length >= 6, serviceFolders.join(', '));
  });

  it('builds an image of every service folder (release.yml and ci.yml build this matrix)', () => {
    const built = new Set(matrix(repoRoot, false).include.map((entry) => entry.name));
    const missing = serviceFolders.filter((name) => !built.has(name));
    assert.deepEqual(missing, [], `not in the image build matrix (no src/main.ts?): ${missing.join(', ')}`);
  });

  it('deploys every service through the chart values, or says who runs it', {
    skip:
      !existsSync(join(chartDir, 'values.yaml')) && 'deploy/charts/podmesh/values.yaml does not exist yet',
  }, () => {
    const inChart = new Set(Object.keys(readChartValues().services ?? {}));
    const missing = serviceFolders.filter((name) => !inChart.has(name) && !(name in runOutsideTheChart));
    assert.deepEqual(
      missing,
      [],
      `services/<name> without a block under "services:" in deploy/charts/podmesh/values.yaml: ${missing.join(', ')}`,
    );
    const stale = Object.keys(runOutsideTheChart).filter(
      (name) => inChart.has(name) || !serviceFolders.includes(name),
    );
    assert.deepEqual(stale, [], `exceptions that no longer hold: ${stale.join(', ')}`);
    const orphans = [...inChart].filter((name) => !serviceFolders.includes(name));
    assert.deepEqual(
      orphans,
      [],
      `chart services without a folder (no image is ever built): ${orphans.join(', ')}`,
    );
  });
});

describe('source keys see every file an image is built from', () => {
  // image-inputs.ts counts these as build inputs; anything else let into the context would be missed.
  const understood = new Set([
    'package.json',
    'package-lock.json',
    'packages',
    'services',
    'operator',
    'proto',
    'scripts/bundle.ts',
    'scripts/bundle',
  ]);

  it('knows every path the .dockerignore allow-list lets into the build context', () => {
    const allowed = readFileSync(join(repoRoot, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).replace(/^\/|\/$/g, ''));
    assert.ok(allowed.length > 0, '.dockerignore is an allow-list');
    const unknown = allowed.filter((path) => !understood.has(path));
    assert.deepEqual(
      unknown,
      [],
      `the build context now includes ${unknown.join(', ')}: count it in image-inputs.ts`,
    );
  });
});
