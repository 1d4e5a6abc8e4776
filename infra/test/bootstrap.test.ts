// The one-time bootstrap root: the state bucket every environment's backend uses, and Terraform's identities.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { environments } from './paths.ts';
import { block, onlyResource, type PlanJson, plannedResources } from './planJson.ts';
import { planRoot } from './planRoot.ts';
import { pullRequestEnvironments } from './pullRequestReach.ts';
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
  assert.equal(bucket.name, 'podmesh-tfstate');
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
  for (const env of environments) {
    const backend = readFileSync(session.dir(`envs/${env}/backend.tf`), 'utf8');
    assert.match(backend, new RegExp(`bucket\\s*=\\s*"${String(bucket)}"`), env);
    assert.match(backend, new RegExp(`prefix\\s*=\\s*"envs/${env}"`), env);
  }
});

/** The resources of one environment's Terraform identity, by address without the module prefix. */
function identity(env: string): Map<string, Record<string, unknown>> {
  const prefix = `module.terraform_identity["${env}"].`;
  return new Map(
    plannedResources(plan)
      .filter((r) => r.address.startsWith(prefix))
      .map((r) => [r.address.slice(prefix.length), r.values]),
  );
}

test('Terraform identities: a read-only planner and an owner applier per environment, confined to it', () => {
  for (const env of environments) {
    const resources = identity(env);
    const projectRoles = (who: string) =>
      [...resources.entries()]
        .filter(([address]) => address.startsWith(`google_project_iam_member.${who}[`))
        .map(([, values]) => `${values.project} ${values.role}`)
        .sort();
    assert.deepEqual(projectRoles('planner'), [
      `podmesh-${env} roles/iam.securityReviewer`,
      `podmesh-${env} roles/viewer`,
    ]);
    assert.deepEqual(projectRoles('applier'), [`podmesh-${env} roles/owner`]);
    assert.equal(resources.get('google_service_account.planner')?.project, 'podmesh-admin');
    assert.equal(resources.get('google_service_account.applier')?.project, 'podmesh-admin');
  }
});

test('each Terraform identity is reachable only from its own GitHub Environment, and reaches only its own state', () => {
  for (const env of environments) {
    const resources = identity(env);
    const provider = resources.get('google_iam_workload_identity_pool_provider.github') ?? {};
    assert.equal(
      provider.attribute_condition,
      `assertion.repository == "podmesh/podmesh" && assertion.environment in ["infra-${env}-plan","infra-${env}"]`,
    );
    // The members embed the pool's name, known only after apply; the bindings are keyed by the GitHub
    // Environment whose jobs they admit.
    const impersonates = (githubEnvironment: string) =>
      resources.get(`google_service_account_iam_member.github["${githubEnvironment}"]`)?.service_account_id;
    assert.equal(
      impersonates(`infra-${env}-plan`),
      `projects/podmesh-admin/serviceAccounts/tf-${env}-plan@podmesh-admin.iam.gserviceaccount.com`,
    );
    assert.equal(
      impersonates(`infra-${env}`),
      `projects/podmesh-admin/serviceAccounts/tf-${env}-apply@podmesh-admin.iam.gserviceaccount.com`,
    );
    for (const who of ['planner', 'applier']) {
      const grant = resources.get(`google_storage_bucket_iam_member.state["${who}"]`) ?? {};
      assert.equal(grant.bucket, 'podmesh-tfstate');
      const condition = block(grant, 'condition');
      assert.match(String(condition.expression), new RegExp(`objects/envs/${env}/"\\)`), `${env} ${who}`);
    }
  }
  assert.deepEqual(
    plannedResources(plan).filter((r) => r.type === 'google_service_account_key'),
    [],
    'no keys',
  );
});

/** Roles that read and never change: the only ones an identity reachable from a pull request may hold. */
const readOnlyRoles = new Set(['roles/viewer', 'roles/iam.securityReviewer', 'roles/storage.objectViewer']);

test('an account a pull request can act as holds read-only roles only (state included)', () => {
  const prEnvironments = pullRequestEnvironments();
  assert.ok(prEnvironments.length > 0, 'the workflows run pull request jobs in some GitHub Environment');
  const resources = plannedResources(plan);
  const reachable = resources
    .filter((r) => r.type === 'google_service_account_iam_member')
    .flatMap((r) => {
      const key = /\["([^"]+)"\]$/.exec(r.address)?.[1] ?? '';
      const email = /serviceAccounts\/(.+)$/.exec(String(r.values.service_account_id))?.[1];
      return prEnvironments.includes(key) && email
        ? [{ environment: key, member: `serviceAccount:${email}` }]
        : [];
    });
  const writes = reachable.flatMap(({ environment, member }) =>
    resources
      .filter((r) => r.type.endsWith('_iam_member') && r.values.member === member)
      .filter((r) => !readOnlyRoles.has(String(r.values.role)))
      .map(
        (r) => `${member} (GitHub Environment ${environment}) holds ${String(r.values.role)}: ${r.address}`,
      ),
  );
  assert.deepEqual(writes, [], 'write access reachable from pull requests');
  // And the analysis saw what the design says: each environment's plan jobs, and through them its planner.
  assert.deepEqual(
    environments.map((env) => `infra-${env}-plan`).filter((name) => !prEnvironments.includes(name)),
    [],
    `pull request environments found: ${prEnvironments.join(', ')}`,
  );
  assert.deepEqual(
    reachable.map(({ member }) => member).sort(),
    environments.map((env) => `serviceAccount:tf-${env}-plan@podmesh-admin.iam.gserviceaccount.com`).sort(),
  );
});
