// deploy/bootstrap against a real API server (test/cluster): with only a stand-in for its IAM role, the
// deployer cannot apply the operator; after the one-time bootstrap it can — and it still cannot grant itself
// or anyone cluster-admin. GKE's roles/container.developer is played by the built-in `edit` ClusterRole
// (workloads, no RBAC, no CRDs, no namespaces), bound to a user named like the deployer's Google account.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { useControlPlane } from '../cluster/controlPlane.ts';
import { repoRoot } from './workflowFiles.ts';

const suffix = randomBytes(3).toString('hex');
const deployer = `ci-deployer-${suffix}@podmesh-dev.iam.gserviceaccount.com`;

describe('first deploy: the RBAC bootstrap of deploy/bootstrap', async () => {
  const plane = await useControlPlane();
  const k = async (args: string[], input?: string) => plane.kubectl(args, input);
  const asDeployer = (args: string[], input?: string) => k([...args, `--as=${deployer}`], input);
  // The operator apply of .github/scripts/deploy-release.sh, as the deployer.
  const applyOperatorAsDeployer = () =>
    asDeployer([
      'apply',
      '--server-side',
      '--field-manager=podmesh-deploy',
      '-k',
      `${repoRoot}/deploy/operator`,
    ]);
  const standIn = `podmesh-test-container-developer-${suffix}`;
  after(async () => {
    await k(['delete', 'clusterrolebinding', standIn, `podmesh-deployer-${suffix}`, '--ignore-not-found']);
  });

  it('without it, the deployer (workload rights only) cannot apply the operator', async (t) => {
    const bound = await k([
      'create',
      'clusterrolebinding',
      standIn,
      '--clusterrole=edit',
      `--user=${deployer}`,
    ]);
    assert.equal(bound.code, 0, bound.stderr);
    const applied = await applyOperatorAsDeployer();
    assert.notEqual(applied.code, 0);
    assert.match(applied.stderr, /forbidden/i);
    t.diagnostic(applied.stderr.split('\n').find((line) => /forbidden/i.test(line)) ?? '');
  });

  it('with it, the deployer applies the operator (CRD, namespace, cluster RBAC) itself', async () => {
    const rendered = await k(['kustomize', `${repoRoot}/deploy/bootstrap/dev`]);
    assert.equal(rendered.code, 0, rendered.stderr);
    assert.match(rendered.stdout, /name: ci-deployer@podmesh-dev\.iam\.gserviceaccount\.com/);
    const bootstrap = rendered.stdout
      .replaceAll('ci-deployer@podmesh-dev.iam.gserviceaccount.com', deployer)
      .replace(
        /(kind: ClusterRoleBinding\nmetadata:\n(?:\s+.*\n)*?\s+name: )podmesh-deployer/,
        `$1podmesh-deployer-${suffix}`,
      );
    const granted = await k(['apply', '--server-side', '-f', '-'], bootstrap);
    assert.equal(granted.code, 0, granted.stderr);
    const applied = await applyOperatorAsDeployer();
    assert.equal(applied.code, 0, applied.stderr);
  });

  it('never lets the deployer grant more than podmesh needs', async (t) => {
    const can = async (...args: string[]) => (await asDeployer(['auth', 'can-i', ...args])).stdout.trim();
    assert.equal(await can('bind', 'clusterrole/cluster-admin'), 'no');
    assert.equal(await can('escalate', 'clusterrole/cluster-admin'), 'no');
    assert.equal(await can('patch', 'clusterrole/cluster-admin'), 'no');
    assert.equal(await can('delete', 'namespace/kube-system'), 'no');
    assert.equal(await can('patch', 'customresourcedefinition/something.else.io'), 'no');
    assert.equal(await can('bind', 'clusterrole/podmesh-operator'), 'yes');
    // The real request, not only the authorizer's answer: a binding to cluster-admin is refused.
    const escalation = await asDeployer([
      'create',
      'clusterrolebinding',
      `podmesh-escalation-${suffix}`,
      '--clusterrole=cluster-admin',
      `--user=${deployer}`,
    ]);
    assert.notEqual(escalation.code, 0);
    assert.match(escalation.stderr, /forbidden/i);
    t.diagnostic(escalation.stderr.trim());
  });
});
