// The project's images, built as `npm run images -- --local-bases` builds them (podman, local Debian bases:
// nothing is pulled). podman's layer cache makes a second run cheap; the node imports them into containerd.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../cluster/paths.ts';

export function ensureProjectImages(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'images.ts'), '--local-bases'], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run images exited ${code}`))));
  });
}
