// Least privilege and serialisation, as rules over every workflow: nothing starts with more than an empty
// token, each job asks for what it uses, and deploys, rollbacks and applies of one environment never overlap.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workflowFiles } from './workflowFiles.ts';

type Job = {
  permissions?: Record<string, string> | string;
  environment?: unknown;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  uses?: string;
  with?: Record<string, string>;
};
const workflows = workflowFiles().map((file) => ({
  ...file,
  jobs: (file.data.jobs ?? {}) as Record<string, Job>,
}));
/** The only jobs that may push to the repository, and why. */
const contentsWriters: Record<string, string> = {
  '.github/workflows/terraform-lock.yml lock':
    'pushes the registry lock files to its own branch for a pull request (only a registry-connected runner can write them)',
};
/** A GitHub expression as it appears in YAML: `${{ … }}`. */
const expression = (body: string) => `\${{ ${body} }}`;
const byName = (name: string) => {
  const found = workflows.find((file) => file.path.endsWith(`/${name}`));
  assert.ok(found, name);
  return found;
};

describe('permissions', () => {
  it('gives every workflow an empty token by default', () => {
    for (const file of workflows) assert.deepEqual(file.data.permissions, {}, file.path);
  });

  it('makes every job name its permissions, never write-all, contents: write only where explained', () => {
    for (const file of workflows) {
      for (const [name, job] of Object.entries(file.jobs)) {
        const where = `${file.path} job ${name}`;
        assert.equal(typeof job.permissions, 'object', `${where} declares no permissions`);
        const permissions = job.permissions as Record<string, string>;
        if (permissions.contents !== 'write') continue;
        assert.ok(`${file.path} ${name}` in contentsWriters, `${where} may not write contents`);
        assert.notEqual(permissions['id-token'], 'write', `${where} writes contents: no cloud credentials`);
        assert.ok(
          !file.data.on || !('pull_request' in (file.data.on as object)),
          `${where}: never on pull requests`,
        );
      }
    }
  });

  it('never gives one job both cloud credentials and write access to pull requests', () => {
    for (const file of workflows) {
      for (const [name, job] of Object.entries(file.jobs)) {
        const permissions = job.permissions as Record<string, string>;
        const both = permissions['id-token'] === 'write' && permissions['pull-requests'] === 'write';
        assert.ok(!both, `${file.path} job ${name}`);
      }
    }
  });
});

describe('concurrency', () => {
  it('serialises deploys and rollbacks of one environment in one group, never cancelled', () => {
    const deploy = byName('deploy.yml').jobs.deploy?.concurrency;
    const rollback = byName('rollback.yml').jobs.rollback?.concurrency;
    assert.equal(deploy?.group, `deploy-${expression('inputs.environment')}`);
    assert.deepEqual(rollback, deploy);
    assert.equal(deploy?.['cancel-in-progress'], false);
  });

  it('gives each environment one Terraform group, never cancelled', () => {
    const applies = Object.values(byName('infra.yml').jobs).filter((job) =>
      job.uses?.endsWith('terraform-apply.yml'),
    );
    assert.deepEqual(
      applies.map((job) => [
        job.with?.environment,
        job.concurrency?.group,
        job.concurrency?.['cancel-in-progress'],
      ]),
      [
        ['dev', 'infra-dev', false],
        ['stage', 'infra-stage', false],
        ['prod', 'infra-prod', false],
      ],
    );
  });

  it('holds no release-wide group: publishing is grouped per image, deploys per environment', () => {
    // A workflow-level group would make a run waiting for stage's reviewer hold back every later release.
    const release = byName('release.yml');
    assert.equal(release.data.concurrency, undefined);
    assert.deepEqual(release.jobs.build?.concurrency, {
      group: `publish-${expression('github.ref')}-${expression('matrix.name')}`,
      'cancel-in-progress': false,
    });
    for (const env of ['dev', 'stage', 'prod']) {
      const job = release.jobs[`deploy-${env}`];
      assert.equal(job?.uses, './.github/workflows/deploy.yml', env);
      assert.equal(job?.with?.environment, env);
    }
  });

  it('lets a newer CI run replace an older one, and runs CI once per pull request push', () => {
    const ci = byName('ci.yml');
    assert.equal((ci.data.concurrency as Job['concurrency'])?.['cancel-in-progress'], true);
    // push on every branch plus pull_request runs twice for a same-repository pull request.
    const on = ci.data.on as Record<string, { branches?: string[] } | null>;
    assert.ok('pull_request' in on);
    assert.deepEqual(on.push?.branches, ['main']);
  });
});
