// Every test file runs in exactly one tier, and the fast tier's files do not reach for what only the heavy
// tier provides (a control plane, helm, images). Paths that select nothing are errors, not node's default globs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { allTestFiles, ruleOf, rules, selectFiles, type Tier } from './tiers.ts';

const files = allTestFiles();
const tiers: Tier[] = ['fast', 'heavy', 'e2e'];

test('every *.test.ts belongs to exactly one tier, and every rule holds a file', () => {
  assert.ok(files.length > 50, `found only ${files.length} test files`);
  const unclassified = files.filter((file) => ruleOf(file) === undefined);
  assert.deepEqual(unclassified, [], 'add a rule to scripts/test/tiers.ts');
  const counts = new Map<string, number>();
  for (const tier of tiers)
    for (const file of selectFiles(tier, [], files)) counts.set(file, (counts.get(file) ?? 0) + 1);
  assert.deepEqual(
    files.filter((file) => counts.get(file) !== 1),
    [],
  );
  for (const rule of rules)
    assert.ok(
      files.some((file) => ruleOf(file) === rule),
      `rule ${rule.path} matches no file first`,
    );
});

// What only the heavy tier prepares; a fast-tier file importing it would need Go, root or a cluster.
const heavyOnly = [/test\/cluster\//, /test\/containers\//, /deploy\/tools\/helm/, /infra\/test\//];

test('no fast-tier file imports what only the heavy tier prepares', () => {
  for (const file of selectFiles('fast', [], files)) {
    const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map(
      (match) => match[1] ?? '',
    );
    const heavy = imports.filter((path) => heavyOnly.some((pattern) => pattern.test(path)));
    assert.deepEqual(heavy, [], `${file} is in the fast tier but imports ${heavy.join(', ')}`);
  }
});

test('a path filter selects a folder or a file of its tier', () => {
  assert.deepEqual(selectFiles('fast', ['services/users/'], files), ['services/users/test/users.test.ts']);
  assert.deepEqual(selectFiles('fast', ['./test/system/logging.test.ts'], files), [
    'test/system/logging.test.ts',
  ]);
  assert.ok(selectFiles('heavy', ['test/cluster'], files).length > 3);
  // a prefix of a name is not a folder
  assert.throws(() => selectFiles('fast', ['services/use'], files), /no test file under "services\/use"/);
});

test("a path with no test file, or only other tiers' files, is an error naming the command to use", () => {
  assert.throws(() => selectFiles('fast', ['no/such/dir'], files), /no test file under "no\/such\/dir"/);
  assert.throws(
    () => selectFiles('fast', ['test/cluster'], files),
    /heavy tier: npm run test:heavy -- test\/cluster/,
  );
  assert.throws(() => selectFiles('heavy', ['test/e2e'], files), /e2e tier: npm run e2e -- test\/e2e/);
});
