import assert from 'node:assert/strict';
import { test } from 'node:test';
import { infraDir } from './paths.ts';
import { resolveCli } from './resolveCli.ts';
import { runAllowingFailure } from './run.ts';

test('every .tf file under infra/ is in canonical format (terraform fmt -check)', async () => {
  const cli = await resolveCli();
  const result = await runAllowingFailure(cli.path, [
    'fmt',
    '-check',
    '-recursive',
    '-diff',
    '-no-color',
    infraDir,
  ]);
  assert.equal(
    result.code,
    0,
    `not formatted (run \`terraform fmt -recursive infra\`):\n${result.stdout}${result.stderr}`,
  );
});
