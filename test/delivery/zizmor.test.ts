// zizmor over every workflow and action, offline (no GitHub API): template injection, credential persistence,
// cache poisoning in publishing workflows, excessive permissions, unpinned uses, … Its one disabled rule is
// explained in .github/zizmor.yml.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { workflowFiles } from './workflowFiles.ts';
import { ensureZizmor, zizmorUnavailable } from './zizmor.ts';

const unavailable = zizmorUnavailable();
let zizmor = '';

function audit(target: string): { ident: string; severity: string; where: string }[] {
  const result = spawnSync(
    zizmor,
    ['--offline', '--format', 'json', '--min-severity', 'informational', target],
    {
      cwd: join(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
    },
  );
  assert.ok(result.stdout.trim().startsWith('['), `zizmor failed: ${result.stderr}`);
  return (
    JSON.parse(result.stdout) as {
      ident: string;
      determinations: { severity: string };
      locations: { symbolic: { key: { Local: { given_path: string } } } }[];
    }[]
  ).map((finding) => ({
    ident: finding.ident,
    severity: finding.determinations.severity,
    where: finding.locations[0]?.symbolic.key.Local.given_path ?? '?',
  }));
}

describe('zizmor', { skip: unavailable }, () => {
  before(async () => {
    zizmor = (await ensureZizmor()).path;
  });

  it('finds nothing in .github', () => {
    assert.ok(workflowFiles().length > 0);
    assert.deepEqual(audit('.github'), []);
  });

  it('catches what it is here to catch (an injectable expression)', () => {
    const found = audit('test/delivery/fixtures/broken-workflow.yml');
    assert.ok(
      found.some((f) => f.ident === 'template-injection' && f.severity === 'High'),
      JSON.stringify(found),
    );
  });
});
