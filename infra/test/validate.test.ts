// `validate` needs the provider's schema, so each directory is initialised (without its backend) first.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { modules, roots } from './paths.ts';
import { initDir } from './planRoot.ts';
import { type CheckSession, openCheckSession } from './session.ts';
import { terraformResult } from './terraform.ts';

interface Validation {
  valid: boolean;
  error_count: number;
  warning_count: number;
  diagnostics: Array<{ severity: string; summary: string; detail?: string }>;
}

describe('terraform validate', () => {
  let session: CheckSession;
  before(async () => {
    session = await openCheckSession();
  });
  after(() => session.close());

  const directories = [...modules.map((name) => `modules/${name}`), ...roots];
  for (const path of directories) {
    test(`${path} is valid, without warnings`, async () => {
      const dir = session.dir(path);
      await initDir(session.cli, dir, session.env, { backend: false, root: !path.startsWith('modules/') });
      const report = await terraformResult(session.cli, dir, ['validate', '-json', '-no-color'], session.env);
      const result = JSON.parse(report.stdout) as Validation;
      const messages = result.diagnostics
        .map((d) => `${d.severity}: ${d.summary} ${d.detail ?? ''}`)
        .join('\n');
      assert.equal(result.valid, true, messages);
      assert.equal(result.warning_count, 0, messages);
    });
  }
});
