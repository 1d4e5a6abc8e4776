// The overlay deploy.yml and the e2e job apply: exactly the operator and peer images they name, the rest of
// deploy/operator as committed. Rendered by kubectl's built-in kustomize, as `kubectl apply -k` would.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { imageOverride, operatorBase, operatorOverlay } from '../../.github/scripts/operator-overlay.ts';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
type Manifest = { kind: string; metadata: { name: string }; spec?: Record<string, never> };

function render(dir: string): Manifest[] {
  const output = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return parseAllDocuments(output).map((doc) => doc.toJSON() as Manifest);
}

describe('operator overlay', () => {
  it('maps a digest or a tag, and refuses a reference with neither', () => {
    assert.deepEqual(imageOverride('r.example/p/operator@sha256:abc'), {
      name: 'podmesh/operator',
      newName: 'r.example/p/operator',
      digest: 'sha256:abc',
    });
    assert.deepEqual(imageOverride('localhost:5000/podmesh/operator:ci'), {
      name: 'podmesh/operator',
      newName: 'localhost:5000/podmesh/operator',
      newTag: 'ci',
    });
    assert.throws(() => imageOverride('localhost:5000/podmesh/operator'), /names no tag or digest/);
  });

  it('renders the named images and leaves everything else as committed', {
    skip: !hasKubectl && 'no kubectl',
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'podmesh-overlay-'));
    try {
      const digest = `sha256:${'1'.repeat(64)}`;
      const operatorImage = `europe-west1-docker.pkg.dev/podmesh-dev/podmesh/operator@${digest}`;
      const peerImage = `europe-west1-docker.pkg.dev/podmesh-dev/podmesh/peer@${digest}`;
      writeFileSync(
        join(dir, 'kustomization.yaml'),
        JSON.stringify(operatorOverlay(dir, operatorImage, peerImage)),
      );
      const rendered = render(dir);
      const base = render(operatorBase);
      assert.deepEqual(
        rendered.map((item) => `${item.kind}/${item.metadata.name}`).sort(),
        base.map((item) => `${item.kind}/${item.metadata.name}`).sort(),
      );
      const deployment = rendered.find((item) => item.kind === 'Deployment') as unknown as {
        spec: {
          template: { spec: { containers: { image: string; env: { name: string; value?: string }[] }[] } };
        };
      };
      const [container] = deployment.spec.template.spec.containers;
      assert.equal(container?.image, operatorImage);
      assert.deepEqual(
        container?.env.filter((entry) => entry.name === 'PEER_IMAGE'),
        [{ name: 'PEER_IMAGE', value: peerImage }],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
