// Every module README's example is planned, in the spirit of Cloud Foundation Fabric's tftest: the example must
// plan offline and create exactly the number of resources its `# tftest resources=N` marker promises, so the
// documentation cannot drift from the code.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { modules } from './paths.ts';
import { plannedResources } from './planJson.ts';
import { initDir } from './planRoot.ts';
import { type CheckSession, openCheckSession } from './session.ts';
import { terraform } from './terraform.ts';

function example(readme: string, module: string): { hcl: string; resources: number } {
  const block = readme.match(/```hcl\n([\s\S]*?)```/)?.[1];
  assert.ok(block, `${module}/README.md has an hcl example`);
  const marker = block.match(/^# tftest resources=(\d+)$/m)?.[1];
  assert.ok(marker, `${module}/README.md's example ends with # tftest resources=N`);
  // The example's source is written for a root two levels below infra/; the test places it exactly there.
  const hcl = block.replace(/source\s*=\s*"[^"]*"/, `source = "../../modules/${module}"`);
  return { hcl, resources: Number(marker) };
}

describe('module README examples plan as documented', () => {
  let session: CheckSession;
  before(async () => {
    session = await openCheckSession();
  });
  after(() => session.close());

  for (const module of modules) {
    test(`modules/${module}/README.md`, async () => {
      const { hcl, resources } = example(
        readFileSync(session.dir(`modules/${module}/README.md`), 'utf8'),
        module,
      );
      const dir = session.dir(`examples/${module}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'main.tf'), hcl);
      await initDir(session.cli, dir, session.env, { backend: false, root: false });
      await terraform(
        session.cli,
        dir,
        ['plan', '-input=false', '-no-color', '-lock=false', '-out=example.tfplan'],
        session.env,
      );
      const plan = JSON.parse(
        await terraform(session.cli, dir, ['show', '-json', 'example.tfplan'], session.env),
      );
      assert.equal(plannedResources(plan).length, resources);
    });
  }
});
