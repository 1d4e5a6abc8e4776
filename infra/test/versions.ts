// The pinned toolchain of the infrastructure checks, in one place.

/**
 * hashicorp/google as Terraform sees it (must equal the version in every committed .terraform.lock.hcl), and
 * the Go module version it is built from. The provider's module path has no /v8 suffix, so the Go proxy serves
 * its releases only as pseudo-versions of the last v1 tag; this one is commit f3721fb45fa3, whose CHANGELOG's
 * newest release is 8.0.0 (see docs/adr/0021-terraform-provider-from-source.md).
 */
export const googleProvider = {
  version: '8.0.0',
  goModule: 'github.com/hashicorp/terraform-provider-google',
  goModuleVersion: 'v1.20.1-0.20260828184646-f3721fb45fa3',
  /**
   * The Go toolchain is pinned too (fetched from the Go proxy if the machine has another): the same source,
   * flags and toolchain give the same bytes, so the h1: hash in the lock files holds on every machine.
   */
  goToolchain: 'go1.26.8',
  /**
   * The h1: hash of that build (linux_amd64). It lives here, not in the committed lock files: those must hold
   * what the registry serves (ADR 0028), and the checks write this one into their workspace copies.
   */
  sourceBuildHash: 'h1:WmYdGpJj0R+lR/Wtx7M2uU1wnrJvkLKkHAfCATmOTng=',
} as const;

/** The CLI the roots accept (`required_version`); the machine's terraform is used when it satisfies it. */
export const terraformCli = { minimum: '1.11.0', belowMajor: 2 } as const;

/** Built from the Go proxy only when no suitable terraform is installed (hashicorp/terraform cannot be). */
export const opentofu = {
  version: '1.12.6',
  goModule: 'github.com/opentofu/opentofu',
} as const;
