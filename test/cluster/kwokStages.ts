// The Stage objects kwok runs on, taken from kwok's own module (no copy of them in this repo).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from './exec.ts';
import { goEnv } from './goEnv.ts';
import { kwokModuleDir } from './versions.ts';

/** Written beside the binaries; kwok is started with --config pointing at it. */
export const kwokStagesFile = 'kwok-stages.yaml';

// kwok does nothing without Stage objects. kwokctl feeds it the defaults shipped in kwok's module; take the
// same files from the module cache (node: initialize + lease heartbeat; pod: ready, complete, delete).
const kwokStages = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
];

export async function writeKwokStages(out: string): Promise<void> {
  const listed = JSON.parse(
    await execFile('go', ['list', '-m', '-json', 'sigs.k8s.io/kwok'], { cwd: kwokModuleDir, env: goEnv }),
  ) as { Dir: string };
  const documents = kwokStages.map((file) =>
    readFileSync(join(listed.Dir, 'kustomize', 'stage', file), 'utf8'),
  );
  writeFileSync(join(out, kwokStagesFile), documents.map((doc) => doc.trim()).join('\n---\n'));
}
