// The registry side of the release tests: the CNCF distribution registry as the stand-in for Docker Hub /
// Artifact Registry, crane (go-containerregistry) to copy and inspect by digest, cosign to sign and verify.
// All three from the Go module proxy, cached by version.
import type { GoTool } from './goTool.ts';

export const registryTool: GoTool = {
  name: 'distribution-registry',
  goPackage: 'github.com/distribution/distribution/v3/cmd/registry',
  version: 'v3.1.2',
};

export const craneTool: GoTool = {
  name: 'crane',
  goPackage: 'github.com/google/go-containerregistry/cmd/crane',
  version: 'v0.22.1',
};

// v3.1.4 needs Go 1.27; the project's toolchain is 1.26.8 (infra/test/versions.ts), so the newest 3.1 it builds.
export const cosignTool: GoTool = {
  name: 'cosign',
  goPackage: 'github.com/sigstore/cosign/v3/cmd/cosign',
  version: 'v3.1.3',
  ldflags: ['-X sigs.k8s.io/release-utils/version.gitVersion=v3.1.3'],
};

export const registryTools = [craneTool, registryTool, cosignTool];
