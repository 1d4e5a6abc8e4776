// `npm start`, stopped the way a supervisor, `timeout` or an IDE stops it: SIGTERM to the npm process itself.
// npm passes the signal to its child only; every service must still stop, and none may be left running.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { processesMarked, startLocalRun, waitAnswering } from './localSystem.ts';

test('SIGTERM to `npm start` stops every service it started, and the run exits', async () => {
  // One replica of each service.
  const { run, httpPorts } = await startLocalRun({});
  const { npm, output, marker } = run;
  try {
    await waitAnswering(run, [...httpPorts.values()]);
    const started = processesMarked(marker).length;
    assert.ok(started > httpPorts.size, `npm, the runner and ${httpPorts.size} services (${started} found)`);

    npm.kill('SIGTERM');
    const [code] = await once(npm, 'exit');
    for (const deadline = Date.now() + 15_000; processesMarked(marker).length > 0; ) {
      assert.ok(Date.now() < deadline, `still running 15 s after SIGTERM: pids ${processesMarked(marker)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(
      output().match(/"message":"stopped"/g)?.length,
      httpPorts.size,
      'each service stopped itself',
    );
    assert.equal(code, 0, 'npm start ends cleanly');
  } finally {
    for (const pid of processesMarked(marker)) process.kill(pid, 'SIGKILL');
  }
});
