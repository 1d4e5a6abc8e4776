// Each check runs in a throw-away copy of infra/: nothing it writes (.terraform, plans, a local state) can touch
// the working tree, and a root's GCS backend can be swapped for a local one without editing committed files.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { infraDir } from './paths.ts';

export interface Workspace {
  /** The copy of infra/; relative module sources (../../modules/x) resolve inside it. */
  infra: string;
  dispose(): void;
}

export function copyInfra(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'podmesh-infra-'));
  const infra = join(root, 'infra');
  cpSync(infraDir, infra, {
    recursive: true,
    filter: (source) => {
      const path = relative(infraDir, source);
      return !path.split('/').includes('.terraform') && path !== 'test' && !path.endsWith('.tfstate');
    },
  });
  return { infra, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Replaces the root's `backend "gcs"` with a local state file through an override file (Terraform merges
 * `*_override.tf` over the configuration), so plan needs no bucket and no credentials for one.
 */
export function useLocalBackend(rootDir: string): void {
  if (!existsSync(join(rootDir, 'backend.tf'))) return; // bootstrap: local state already
  writeFileSync(
    join(rootDir, 'backend_override.tf'),
    `terraform {\n  backend "local" {\n    path = "${join(rootDir, 'terraform.tfstate')}"\n  }\n}\n`,
  );
}
