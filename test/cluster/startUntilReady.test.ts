import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type RunningProcess, stopProcess } from './processes.ts';
import { kernelLinesAbout, startUntilReady } from './startUntilReady.ts';

const dir = mkdtempSync(join(tmpdir(), 'podmesh-start-'));
const started: RunningProcess[] = [];
after(async () => {
  for (const process_ of started) await stopProcess(process_);
  rmSync(dir, { recursive: true, force: true });
});

// What teardown would read: the recorded processes, one per component.
const recorded: RunningProcess[] = [];

/** A component running `script` under sh, ready once its log says `up`; each start is also kept in `started`. */
function component(name: string, script: string) {
  const log = join(dir, `${name}.log`);
  return {
    name,
    command: '/bin/sh',
    args: ['-c', script],
    log,
    processes: recorded,
    save: () => started.push(recorded.find((process_) => process_.name === name) as RunningProcess),
    ready: async () => existsSync(log) && readFileSync(log, 'utf8').includes('up'),
    tag: '[test]',
    timeoutMs: 10_000,
    intervalMs: 50,
  };
}

test('a component that dies during its first start-up is started once more and then used', async () => {
  const marker = join(dir, 'once');
  const script = `if [ ! -e ${marker} ]; then touch ${marker}; echo dying; exit 3; fi; echo up; while :; do sleep 1; done`;
  const process_ = await startUntilReady(component('flaky', script));
  assert.equal(started.filter(({ name }) => name === 'flaky').length, 2);
  assert.equal(process_, started.at(-1));
  assert.deepEqual(
    recorded.filter(({ name }) => name === 'flaky'),
    [process_],
    'the second start took the place of the first in the record',
  );
  assert.match(readFileSync(process_.log, 'utf8'), /dying\nup/);
});

test('a component that cannot start fails after two starts, saying how each ended', async () => {
  await assert.rejects(
    startUntilReady(component('broken', 'echo bad flag; exit 2')),
    /^Error: broken exited during start-up 2 times \(exit code 2, then exit code 2\)$/,
  );
});

test('a component killed by a signal says which', async () => {
  await assert.rejects(
    startUntilReady(component('killed', 'kill -KILL $$')),
    /killed exited during start-up 2 times \(signal SIGKILL, then signal SIGKILL\)/,
  );
});

test('a component that runs but never gets ready times out with the last probe error', async () => {
  const stuck = component('stuck', 'while :; do sleep 1; done');
  await assert.rejects(
    startUntilReady({
      ...stuck,
      timeoutMs: 300,
      ready: async () => {
        throw new Error('connection refused');
      },
    }),
    /stuck not ready after 0.3s \(connection refused\)/,
  );
  assert.equal(started.filter(({ name }) => name === 'stuck').length, 1, 'a slow start is not retried');
});

test("the kernel's lines about a PID are its kills and faults, not a timestamp that shares its digits", () => {
  const kernelLog = [
    '[ 1136.201] eth0: link up',
    '[ 2001.500] Out of memory: Killed process 1136 (kubelet) total-vm:1000kB',
    '[ 2001.501] oom-kill:constraint=CONSTRAINT_MEMCG,task=kubelet,pid=1136,uid=0',
    '[ 2002.000] kubelet[1136]: segfault at 0 ip 0 sp 0 error 4',
    '[ 2003.000] Killed process 11360 (etcd)',
  ].join('\n');
  assert.deepEqual(
    kernelLinesAbout(kernelLog, 1136).map((line) => line.slice(0, 12)),
    ['[ 2001.500] ', '[ 2001.501] ', '[ 2002.000] '],
  );
});
