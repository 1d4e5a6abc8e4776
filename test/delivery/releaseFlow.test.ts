// The order of the publishing steps, read from release.yml: nothing reaches a public tag before its scan
// passed, and every job that reads a registry has logged in first (anonymous Docker Hub pulls are
// rate-limited per IP). What these steps do against a real registry is releaseRegistry.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workflowFiles } from './workflowFiles.ts';

type Step = { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, string> };
type Job = { steps?: Step[] };
const files = workflowFiles();
const jobsOf = (name: string) => {
  const file = files.find((f) => f.path.endsWith(`/${name}`));
  assert.ok(file, name);
  return file.data.jobs as Record<string, Job>;
};
const indexOf = (steps: Step[], match: (step: Step) => boolean, what: string) => {
  const index = steps.findIndex(match);
  assert.ok(index >= 0, `no step ${what}`);
  return index;
};

describe('release.yml publishes only scanned images', () => {
  const steps = jobsOf('release.yml').build?.steps ?? [];

  it('pushes the build to the staging repository only', () => {
    const push = steps[indexOf(steps, (s) => s.id === 'push', 'push')];
    assert.match(push?.with?.tags ?? '', /^\$\{\{ env\.STAGING_REPOSITORY \}\}:/);
    assert.doesNotMatch(push?.with?.tags ?? '', /steps\.meta\.outputs\.tags/);
  });

  it('scans, then promotes the scanned digest to the public tags, then signs the public digest', () => {
    const push = indexOf(steps, (s) => s.id === 'push', 'push');
    const scan = indexOf(steps, (s) => s.uses?.startsWith('aquasecurity/trivy-action@') ?? false, 'scan');
    const promote = indexOf(steps, (s) => s.run?.includes('promote-release.sh') ?? false, 'promote');
    const sign = indexOf(steps, (s) => s.run?.startsWith('cosign sign') ?? false, 'sign');
    assert.ok(
      push < scan && scan < promote && promote < sign,
      `push ${push} scan ${scan} promote ${promote} sign ${sign}`,
    );
    assert.match(
      steps[scan]?.with?.['image-ref'] ?? '',
      /STAGING_REPOSITORY \}\}@\$\{\{ steps\.push\.outputs\.digest/,
    );
    // The public tags appear in no step before the scan.
    const early = steps.slice(0, scan).filter((s) => JSON.stringify(s).includes('steps.meta.outputs.tags'));
    assert.deepEqual(early, []);
  });
});

describe('registry reads are authenticated', () => {
  const readers = ['release-plan.sh', 'version-reused.sh', 'promote-release.sh', 'promote-images.sh'];
  for (const workflow of ['release.yml', 'deploy.yml']) {
    for (const [name, job] of Object.entries(jobsOf(workflow))) {
      const steps = job.steps ?? [];
      const reads = steps.findIndex((s) => readers.some((script) => s.run?.includes(script)));
      if (reads < 0) continue;
      it(`${workflow} ${name} logs in before it reads`, () => {
        const login = steps.findIndex((s) => s.uses?.startsWith('docker/login-action@'));
        assert.ok(
          login >= 0 && login < reads,
          `${workflow} ${name}: docker/login-action before step ${reads}`,
        );
      });
    }
  }
});
