// The build matrix comes from the tree, and its source keys change exactly when an image's inputs change:
// that is what lets release.yml build only what changed without any list of paths per service.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { discoverTargets } from '../../scripts/images/targets.ts';
import { matrix, sourceKey } from '../../scripts/services-matrix.ts';

const root = mkdtempSync(join(tmpdir(), 'podmesh-matrix-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, content: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function commit(message: string) {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', message);
}

function keys(): Record<string, string> {
  return Object.fromEntries(discoverTargets(root).map((target) => [target.name, sourceKey(root, target)]));
}

describe('services matrix', () => {
  execFileSync('git', ['init', '-q'], { cwd: root });
  const manifest = (name: string, dependencies: string[] = []) =>
    JSON.stringify({ name, dependencies: Object.fromEntries(dependencies.map((dep) => [dep, '*'])) });
  write('package.json', JSON.stringify({ workspaces: ['packages/*', 'services/*', 'operator'] }));
  write('package-lock.json', '{}');
  write('Dockerfile', 'ARG SERVICE\n');
  write('.dockerignore', '*\n!packages\n!services\n!operator\n**/test\n**/*.test.ts\n');
  write('packages/runtime/package.json', manifest('@t/runtime'));
  write('packages/runtime/src/index.ts', 'export {};\n');
  write('services/users/package.json', manifest('@t/users', ['@t/runtime']));
  write('services/users/src/main.ts', '// users\n');
  // countries ships users' contract: a change to users must rebuild countries too.
  write('services/countries/package.json', manifest('@t/countries', ['@t/runtime', '@t/users']));
  write('services/countries/src/main.ts', '// countries\n');
  write('services/notes/README.md', 'a folder without src/main.ts is not a service\n');
  write('docs/readme.md', 'docs\n');
  commit('two services');

  it('lists every service folder with an entry point, in a stable order', () => {
    assert.deepEqual(matrix(root, false), {
      include: [
        { name: 'countries', workspace: 'services/countries' },
        { name: 'users', workspace: 'services/users' },
      ],
    });
  });

  it('takes a new service folder, and the operator, without any other edit', () => {
    write('services/kv/package.json', manifest('@t/kv', ['@t/runtime']));
    write('services/kv/src/main.ts', '// kv\n');
    write('operator/package.json', manifest('@t/operator', ['@t/runtime']));
    write('operator/src/main.ts', '// operator\n');
    commit('kv and the operator');
    assert.deepEqual(
      matrix(root, true).include.map((entry) => [
        entry.name,
        /^[0-9a-f]{20}$/.test(entry['source-key'] ?? ''),
      ]),
      [
        ['countries', true],
        ['kv', true],
        ['users', true],
        ['operator', true],
      ],
    );
  });

  it("changes one image's key when only its own folder changes", () => {
    const before = keys();
    write('services/kv/src/main.ts', '// kv, changed\n');
    commit('kv changed');
    const now = keys();
    assert.notEqual(now.kv, before.kv);
    for (const name of ['countries', 'users', 'operator']) assert.equal(now[name], before[name], name);
  });

  it('changes the keys of the images that ship a changed workspace, and only those', () => {
    const before = keys();
    write('services/users/src/contract.ts', 'export const contract = 1;\n');
    commit('users contract changed');
    const now = keys();
    assert.notEqual(now.users, before.users);
    assert.notEqual(now.countries, before.countries, 'countries depends on users');
    for (const name of ['kv', 'operator']) assert.equal(now[name], before[name], name);
  });

  it('ignores what .dockerignore keeps out of the build context (tests)', () => {
    const before = keys();
    write('services/users/test/contract.test.ts', '// a test\n');
    write('services/users/src/contract.test.ts', '// a test beside the code\n');
    commit('tests only');
    assert.deepEqual(keys(), before);
  });

  it('changes every key when a shared input changes, and none for files outside the build context', () => {
    const before = keys();
    write('docs/readme.md', 'docs, changed\n');
    commit('docs only');
    assert.deepEqual(keys(), before);
    write('packages/runtime/src/index.ts', 'export const changed = true;\n');
    commit('runtime changed');
    const now = keys();
    for (const name of Object.keys(before)) assert.notEqual(now[name], before[name], name);
    write('services/kv/package.json', manifest('@t/kv', ['@t/runtime', 'left-pad']));
    commit('one workspace manifest changed: npm ci reads them all');
    const afterManifest = keys();
    for (const name of Object.keys(now)) assert.notEqual(afterManifest[name], now[name], name);
  });
});
