// The committed diagrams must match their sources, and the doc must only point at files that exist.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const diagrams = join(here, 'diagrams');
const sources = readdirSync(diagrams)
  .filter((name) => name.endsWith('.mmd'))
  .sort();
const doc = readFileSync(join(here, 'streaming-platform.md'), 'utf8');
const docs = ['streaming-platform.md', 'README.md'].map(
  (name) => [name, readFileSync(join(here, name), 'utf8')] as const,
);

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('every diagram source has a PNG and an SVG rendering beside it', () => {
  assert.ok(sources.length > 0, 'no .mmd sources');
  for (const source of sources) {
    const base = join(diagrams, source.replace(/\.mmd$/, ''));
    const png = readFileSync(`${base}.png`);
    assert.deepEqual(
      [...png.subarray(0, 8)],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      `${base}.png`,
    );
    // IHDR width and height: a failed render is a tiny image, not a diagram.
    assert.ok(png.readUInt32BE(16) >= 800 && png.readUInt32BE(20) >= 200, `${base}.png is too small`);
    const svg = readFileSync(`${base}.svg`, 'utf8');
    assert.match(svg, /^<svg /, `${base}.svg`);
    assert.doesNotMatch(svg, /Syntax error/i, `${base}.svg shows a Mermaid error`);
  }
});

test('no diagram source was edited after it was rendered (diagrams/rendered.sha256)', () => {
  const recorded = new Map(
    readFileSync(join(diagrams, 'rendered.sha256'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [hash, name] = line.split(/\s+\*?/);
        return [name, hash] as const;
      }),
  );
  assert.deepEqual([...recorded.keys()].sort(), sources, 'sources and rendered.sha256 list different files');
  for (const source of sources) {
    assert.equal(
      sha256(join(diagrams, source)),
      recorded.get(source),
      `${source} changed: run npm run docs:render`,
    );
  }
});

test('the doc shows every rendered diagram', () => {
  for (const source of sources) {
    const png = `diagrams/${source.replace(/\.mmd$/, '.png')}`;
    assert.ok(doc.includes(`](${png})`), `streaming-platform.md does not show ${png}`);
  }
});

test('every relative link in these docs points at a file that exists', () => {
  for (const [name, text] of docs) {
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((match) => match[1] as string);
    const relative = targets.filter((target) => !/^[a-z]+:/.test(target));
    assert.ok(relative.length > 0, `${name} links nothing`);
    for (const target of relative)
      assert.ok(existsSync(resolve(here, target)), `${name}: broken link ${target}`);
  }
});

test('every in-page anchor the doc links to is a heading of the doc', () => {
  const slug = (heading: string) =>
    heading
      .toLowerCase()
      .replace(/[^a-z0-9 -]/g, '')
      .replace(/ /g, '-');
  const anchors = new Set([...doc.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] as string)));
  for (const match of doc.matchAll(/\]\(#([^)]+)\)/g)) {
    assert.ok(anchors.has(match[1] as string), `no heading for #${match[1]}`);
  }
});
