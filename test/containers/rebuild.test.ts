// A one-line change in one service rebuilds only that service's own layer: its dependency and shared
// layers are reused, and another service's image keeps exactly the layers it had. Run on a copy of the
// build context (never edits the working tree), with the layer cache the other tests warmed. One other
// image is checked, not all: each cached build still costs ~15 s of a CPU shared with everything else.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../../scripts/images/targets.ts';
import { buildTestImage, engine, serviceTargets } from './testImages.ts';

const context = mkdtempSync(join(tmpdir(), 'podmesh-context-'));
after(() => rmSync(context, { recursive: true, force: true }));

const contextPaths = [
  'Dockerfile',
  '.dockerignore',
  'package.json',
  'package-lock.json',
  'packages',
  'services',
  'operator',
  'proto',
  'scripts/bundle.ts',
  'scripts/bundle',
];

async function layers(tag: string): Promise<string[]> {
  return JSON.parse(await engine.run(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', tag]));
}

test('a one-line change in one service touches only that service’s layers', async (t) => {
  for (const path of contextPaths) {
    cpSync(join(repoRoot, path), join(context, path), {
      recursive: true,
      preserveTimestamps: true,
      filter: (source) => !/\/(node_modules|\.data)(\/|$)/.test(source),
    });
  }
  // demo is imported by no other workspace, so only its own image may change.
  const changed = serviceTargets.find((target) => target.name === 'demo') ?? serviceTargets.at(-1);
  assert.ok(changed, 'no service to change');
  const other =
    serviceTargets.find((target) => target !== changed && target.name === 'countries') ??
    serviceTargets.find((target) => target !== changed);
  const before = new Map<string, string[]>();
  for (const target of other ? [changed, other] : [changed]) {
    before.set(target.name, await layers((await buildTestImage(target, context)).imageId));
  }

  // A line of code, not a comment: the bundle drops comments, so a comment changes no layer at all.
  appendFileSync(join(context, changed.workspace, 'src/main.ts'), "export const rebuildProbe = 'changed';\n");
  const rebuilt = await buildTestImage(changed, context);
  const changedLayers = await layers(rebuilt.imageId);
  const previous = before.get(changed.name) ?? [];
  t.diagnostic(`${changed.name} rebuilt after a one-line change in ${rebuilt.seconds.toFixed(1)}s`);

  assert.equal(changedLayers.length, previous.length);
  const differing = changedLayers.filter((layer, index) => layer !== previous[index]);
  assert.equal(differing.length, 1, 'exactly one layer differs');
  assert.equal(changedLayers.at(-1) === previous.at(-1), false, 'and it is the service’s own, the top one');

  if (other) {
    const { imageId } = await buildTestImage(other, context);
    assert.deepEqual(await layers(imageId), before.get(other.name), `${other.name} kept every layer`);
  }
});
