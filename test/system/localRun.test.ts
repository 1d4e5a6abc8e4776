// `npm start`, stopped the way a supervisor, `timeout` or an IDE stops it: SIGTERM to the npm process itself.
// npm passes the signal to its child only; every service must still stop, and none may be left running.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { freePort, repoRoot } from '@podmesh/testkit/processes';
import { discoverServices, overrideVariable } from '../../scripts/local/services.ts';

/** Pids of the processes whose environment carries `marker` (the run's own, inherited by every child). */
function processesMarked(marker: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker);
      } catch {
        return false; // gone, or not ours to read
      }
    })
    .map(Number);
}

async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;
  } catch {
    return false;
  }
}

test('SIGTERM to `npm start` stops every service it started, and the run exits', async () => {
  // One replica of each service on ports of its own, so a developer's `npm start` on the defaults is untouched.
  const env: Record<string, string> = {};
  const httpPorts: number[] = [];
  for (const service of discoverServices()) {
    const httpPort = await freePort();
    httpPorts.push(httpPort);
    env[overrideVariable(service.name, 'REPLICAS')] = '1';
    env[overrideVariable(service.name, 'HTTP_PORT')] = String(httpPort);
    if (service.grpcPort !== undefined)
      env[overrideVariable(service.name, 'GRPC_PORT')] = String(await freePort());
  }
  const markerValue = `${process.pid}-${Date.now()}`;
  const marker = `PODMESH_LOCAL_RUN_TEST=${markerValue}`;
  const npmCli = process.env.npm_execpath; // set when this runs under `npm test`
  const npm = spawn(npmCli ? process.execPath : 'npm', [...(npmCli ? [npmCli] : []), 'start'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PODMESH_LOCAL_RUN_TEST: markerValue },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  npm.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  try {
    for (const deadline = Date.now() + 30_000; ; ) {
      const ready = await Promise.all(httpPorts.map(answers));
      if (ready.every(Boolean)) break;
      assert.ok(Date.now() < deadline, `not every service answered /readyz within 30 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const started = processesMarked(marker).length;
    assert.ok(
      started > httpPorts.length,
      `npm, the runner and ${httpPorts.length} services (${started} found)`,
    );

    npm.kill('SIGTERM');
    const [code] = await once(npm, 'exit');
    for (const deadline = Date.now() + 15_000; processesMarked(marker).length > 0; ) {
      assert.ok(Date.now() < deadline, `still running 15 s after SIGTERM: pids ${processesMarked(marker)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(
      output.match(/"message":"stopped"/g)?.length,
      httpPorts.length,
      'each service stopped itself',
    );
    assert.equal(code, 0, 'npm start ends cleanly');
  } finally {
    for (const pid of processesMarked(marker)) process.kill(pid, 'SIGKILL');
  }
});
