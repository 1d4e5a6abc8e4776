// The tooling under scripts/ (start, images, bundle, test runner) stands on its own: tests may import it, it
// never imports a test folder (test/, */test/), so `npm run images` works in a tree without the tests.
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

test('nothing under scripts/ imports from a test folder', () => {
  const files = globSync('scripts/**/*.ts').filter((file) => !file.endsWith('.test.ts'));
  assert.ok(files.length > 10, `found only ${files.length} files`);
  const offenders = files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)]
      .map((match) => match[1] ?? '')
      .filter((path) => /(^|\/)test\//.test(path) && path.startsWith('.'))
      .map((path) => `${file} → ${path}`),
  );
  assert.deepEqual(offenders, []);
});
