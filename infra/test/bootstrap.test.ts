// The one-time bootstrap root: the state bucket every environment's backend uses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { block, onlyResource, type PlanJson } from './planJson.ts';
import { planRoot } from './planRoot.ts';
import { type CheckSession, openCheckSession } from './session.ts';

let session: CheckSession;
let plan: PlanJson;
before(async () => {
  session = await openCheckSession();
  plan = await planRoot(session.cli, session.dir('bootstrap'), session.env);
});
after(() => session.close());

test('the state bucket is versioned, IAM-only and can never be made public', () => {
  const bucket = onlyResource(plan, 'google_storage_bucket').values;
  assert.equal(block(bucket, 'versioning').enabled, true);
  assert.equal(bucket.uniform_bucket_level_access, true);
  assert.equal(bucket.public_access_prevention, 'enforced');
  assert.equal(bucket.force_destroy, false);
});

test('old state versions are kept for recovery, not forever', () => {
  const rule = block(onlyResource(plan, 'google_storage_bucket').values, 'lifecycle_rule');
  assert.equal(block(rule, 'action').type, 'Delete');
  assert.ok(Number(block(rule, 'condition').num_newer_versions) >= 1);
});

test('the bucket the environments use is the one bootstrap creates', () => {
  const bucket = onlyResource(plan, 'google_storage_bucket').values.name;
  for (const env of ['dev', 'stage', 'prod']) {
    const backend = readFileSync(session.dir(`envs/${env}/backend.tf`), 'utf8');
    assert.match(backend, new RegExp(`bucket\\s*=\\s*"${String(bucket)}"`), env);
    assert.match(backend, new RegExp(`prefix\\s*=\\s*"envs/${env}"`), env);
  }
});
