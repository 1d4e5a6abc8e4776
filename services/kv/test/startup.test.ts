import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { type ServiceProcess, startService } from '@podmesh/testkit/processes';

/** The exit of a process expected to stop by itself; a kill and a failure if it does not. */
async function exitWithin(service: ServiceProcess, ms: number) {
  const timer = setTimeout(() => service.child.kill('SIGKILL'), ms);
  const exit = await service.exited;
  clearTimeout(timer);
  assert.notEqual(exit.signal, 'SIGKILL', `${service.name} did not exit by itself within ${ms} ms`);
  return exit;
}

describe('kv start-up', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'kv-startup-'));
  const aFile = join(scratch, 'not-a-directory');
  writeFileSync(aFile, 'x');
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const [label, dataDir, reason] of [
    ['a file', aFile, /not-a-directory exists and is not a directory$/],
    ['a path under a file', join(aFile, 'data'), /cannot be created \(ENOTDIR\)$/],
    ['empty', '', /is empty \(set KV_DATA_DIR\)$/],
  ] as const) {
    test(`a data directory that is ${label} stops kv with one clear line and exit 1`, async () => {
      const kv = await startService('kv', { env: { KV_DATA_DIR: dataDir }, waitReady: false });
      const { code } = await exitWithin(kv, 10_000);
      assert.equal(code, 1);
      const fatal = kv.logs.filter((line) => line.severity === 'CRITICAL');
      assert.equal(fatal.length, 1, JSON.stringify(kv.logs));
      assert.match(String(fatal[0]?.message), /^kv cannot start: data directory /);
      assert.match(String(fatal[0]?.message), reason);
      assert.equal(fatal[0]?.error, undefined, 'no stack trace');
      assert.deepEqual(kv.stderr, []);
    });
  }

  test('without KV_DATA_DIR kv names the missing variable and exits 1', {
    skip: 'KV_DATA_DIR' in process.env && 'KV_DATA_DIR is set in the environment this test inherits',
  }, async () => {
    const kv = await startService('kv', { waitReady: false });
    assert.equal((await exitWithin(kv, 10_000)).code, 1);
    assert.match(kv.stderr.join('\n'), /^config error: KV_DATA_DIR ?is missing/);
  });

  test('a data directory that does not exist yet is created', async () => {
    const kv = await startService('kv', { env: { KV_DATA_DIR: join(scratch, 'new', 'nested') } });
    try {
      assert.equal((await fetch(`${kv.url}/readyz`)).status, 200);
    } finally {
      await kv.stop();
    }
    assert.equal((await kv.exited).code, 0, 'SIGTERM closes the store and exits 0');
  });

  // lmdb-js reads a path with an "extension" as a database file, not a directory: `/var/lib/kv.d` or
  // `mktemp -d`'s `tmp.XXXX` must still be used as the data directory it is.
  test('an existing, empty data directory whose name has a dot is used as a directory', async () => {
    const dotted = mkdtempSync(join(scratch, 'data.'));
    const kv = await startService('kv', { env: { KV_DATA_DIR: dotted } });
    try {
      assert.equal((await fetch(`${kv.url}/readyz`)).status, 200);
    } finally {
      await kv.stop();
    }
    assert.equal((await kv.exited).code, 0);
    assert.ok(existsSync(join(dotted, 'data.mdb')), 'the database lives inside the directory');
  });
});
