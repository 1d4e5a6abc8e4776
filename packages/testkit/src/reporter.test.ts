// The reporter judged by node:test itself: real `node --test` runs over small files, their output and exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { allowedSkips } from './allowedSkips.ts';

const reporter = fileURLToPath(new URL('./reporter.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'testkit-reporter-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(source: string, env: NodeJS.ProcessEnv = {}) {
  const file = join(dir, `case-${Math.random().toString(36).slice(2)}.test.ts`);
  writeFileSync(file, `import { describe, test } from 'node:test';\n${source}\n`);
  // NODE_TEST_CONTEXT would make the child report to this run instead of through the reporter.
  const { CI: _ci, NODE_TEST_CONTEXT: _context, ...inherited } = process.env;
  const result = spawnSync(
    process.execPath,
    ['--test', `--test-reporter=${reporter}`, '--test-reporter-destination=stdout', file],
    { encoding: 'utf8', cwd: dir, env: { ...inherited, ...env } },
  );
  return { code: result.status, out: result.stdout + result.stderr };
}

const mixed = `
describe('needs redis', { skip: 'redis-server is not installed' }, () => { test('inner', () => {}); });
test('later', (t) => { t.skip('not yet'); });
test('todo one', { todo: 'write it' }, () => {});
test('runs', () => {});
`;

test('every skip, todo and skipped describe is named with its reason and counted; spec lines stay', () => {
  const { code, out } = run(mixed);
  assert.equal(code, 0, out);
  assert.match(out, /ℹ tests \d+\nℹ suites 1\nℹ pass 1\nℹ fail 0/);
  assert.match(out, /ℹ skipped or todo \(suites count as one\): 3/);
  assert.match(out, /skip suite: needs redis \(.*\): redis-server is not installed/);
  assert.match(out, /skip: later \(.*\): not yet/);
  assert.match(out, /todo: todo one \(.*\): write it/);
});

test('under CI=true any skip fails the run, naming the test and its reason', () => {
  const { code, out } = run(mixed, { CI: 'true' });
  assert.equal(code, 1, out);
  assert.match(out, /✖ CI=true and 3 skipped: .*"needs redis" \(redis-server is not installed\)/);
});

test('a run without skips passes under CI=true', () => {
  const { code, out } = run(`test('runs', () => {});`, { CI: 'true' });
  assert.equal(code, 0, out);
  assert.doesNotMatch(out, /skipped or todo/);
});

test('a run where every test skipped (0 tests to node:test) fails: nothing was checked', () => {
  const { code, out } = run(`describe('all', { skip: 'no cluster' }, () => { test('a', () => {}); });`);
  assert.equal(code, 1, out);
  assert.match(out, /✖ no test ran/);
});

test('a failing test still fails the run', () => {
  const { code } = run(`test('fails', () => { throw new Error('boom'); });`);
  assert.equal(code, 1);
});

test('the list of tests allowed to skip in CI stays short, and each names its reason', () => {
  assert.ok(allowedSkips.length <= 3, `allowedSkips.ts has ${allowedSkips.length} entries`);
  for (const skip of allowedSkips) assert.ok(skip.reason.length > 10, `${skip.name}: no reason`);
});
