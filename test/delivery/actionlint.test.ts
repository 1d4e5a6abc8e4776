// actionlint (built by test/delivery/prepare.ts) over every workflow: expressions, contexts, job needs,
// matrix references, permissions, local action inputs, and every `run:` through shellcheck. Without
// shellcheck actionlint silently checks less, so a missing shellcheck fails here instead
// (.ci/install-delivery-deps.sh installs it).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureActionlint } from './actionlint.ts';
import { githubDir, repoRoot } from './workflowFiles.ts';

const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;
const noShellcheck =
  'shellcheck is not installed: actionlint would check no `run:` script (install it: .ci/install-delivery-deps.sh)';
let actionlint = '';

before(async () => {
  actionlint = (await ensureActionlint()).path;
});

function lint(args: string[], input?: string) {
  assert.ok(shellcheck, noShellcheck);
  // Named explicitly: actionlint's default is "use it if found", which is the silent fallback refused above.
  return spawnSync(actionlint, ['-no-color', '-oneline', '-shellcheck=shellcheck', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input,
  });
}

describe('actionlint', () => {
  it('passes every workflow, every run: script through shellcheck', () => {
    const result = lint([]);
    assert.equal(result.status, 0, `actionlint found problems:\n${result.stdout}${result.stderr}`);
  });

  it('catches what it is here to catch (an injectable expression, an undefined job output, SC2086)', () => {
    const result = lint([join(import.meta.dirname, 'fixtures', 'broken-workflow.yml')]);
    assert.notEqual(result.status, 0);
    assert.match(result.stdout, /potentially untrusted/);
    assert.match(result.stdout, /property "nothing" is not defined/);
    assert.match(result.stdout, /shellcheck reported issue in this script: SC2086/);
  });
});

describe('shell scripts of the workflows', () => {
  it('pass shellcheck', () => {
    assert.ok(shellcheck, noShellcheck);
    const dir = join(githubDir, 'scripts');
    const scripts = readdirSync(dir)
      .filter((name) => name.endsWith('.sh'))
      .map((name) => join(dir, name));
    scripts.push(join(repoRoot, '.ci', 'install-delivery-deps.sh'));
    assert.ok(scripts.length > 3);
    execFileSync('shellcheck', ['--severity=style', ...scripts], { stdio: 'inherit' });
  });
});
