// A kustomize overlay of deploy/operator that runs given images: the operator's own, and the peer image it
// puts into every PeerMesh that names none (its PEER_IMAGE). deploy.yml passes digests from the release
// manifest; the e2e job passes the `ci` tags it loaded into kind. The base stays untouched in git.
//   node .github/scripts/operator-overlay.ts <out-dir> <operator-image> <peer-image>
//   kubectl apply --server-side -k <out-dir>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const operatorBase = join(import.meta.dirname, '..', '..', 'deploy', 'operator');

/** `registry/name@sha256:…` or `registry/name:tag` as a kustomize `images:` entry for `podmesh/operator`. */
export function imageOverride(reference: string) {
  const at = reference.indexOf('@');
  if (at > 0)
    return { name: 'podmesh/operator', newName: reference.slice(0, at), digest: reference.slice(at + 1) };
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) {
    return {
      name: 'podmesh/operator',
      newName: reference.slice(0, colon),
      newTag: reference.slice(colon + 1),
    };
  }
  throw new Error(`"${reference}" names no tag or digest: a deploy must say exactly which image`);
}

export function operatorOverlay(outDir: string, operatorImage: string, peerImage: string) {
  if (!/[@:]/.test(peerImage.slice(peerImage.lastIndexOf('/'))))
    throw new Error(`"${peerImage}" names no tag or digest`);
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [relative(outDir, operatorBase)],
    images: [imageOverride(operatorImage)],
    // Strategic merge: `env` entries merge by name, so only PEER_IMAGE changes.
    patches: [
      {
        target: { kind: 'Deployment', name: 'podmesh-operator' },
        patch: JSON.stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'podmesh-operator' },
          spec: {
            template: {
              spec: { containers: [{ name: 'operator', env: [{ name: 'PEER_IMAGE', value: peerImage }] }] },
            },
          },
        }),
      },
    ],
  };
}

if (import.meta.main) {
  const [outDir, operatorImage, peerImage] = process.argv.slice(2);
  if (!outDir || !operatorImage || !peerImage) {
    console.error('usage: operator-overlay.ts <out-dir> <operator-image> <peer-image>');
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  const overlay = operatorOverlay(outDir, operatorImage, peerImage);
  writeFileSync(join(outDir, 'kustomization.yaml'), `${JSON.stringify(overlay, null, 2)}\n`);
}
