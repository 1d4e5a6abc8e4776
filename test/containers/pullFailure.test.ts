// `npm run images` where a base image's registry cannot be reached (`.invalid` never resolves, RFC 2606) ends
// in advice, not in the engine's raw "pinging container registry … no such host".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { repoRoot } from '../../scripts/images/targets.ts';

test('an unreachable base registry: npm run images says to use --local-bases', () => {
  const result = spawnSync(process.execPath, ['scripts/images.ts', 'users'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      BUILDER_IMAGE: 'registry.invalid/library/node:24-bookworm-slim',
      RUNTIME_IMAGE: 'registry.invalid/distroless/nodejs24-debian12:nonroot',
    },
  });
  assert.equal(result.status, 1, result.stdout + result.stderr);
  assert.match(result.stderr, /cannot pull a base image: its registry is out of reach/);
  assert.match(result.stderr, /bases: registry\.invalid\/library\/node:24-bookworm-slim/);
  assert.match(result.stderr, /engine said: .*registry\.invalid/);
  assert.match(result.stderr, /npm run images -- --local-bases/);
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
});
