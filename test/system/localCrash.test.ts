// `npm start` survives a crash as a pod would: SIGKILL one users replica while countries is under load; the runner
// restarts that one process after its 1 s backoff, its siblings keep serving, and countries routes around it.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { metricValue, runLoad } from '@podmesh/testkit/load';
import { answers, processesMarked, startLocalRun, waitAnswering } from './localSystem.ts';

const CALLS = 600;
const KILL_AFTER = 100;

/** The pid the runner printed for the latest start of `label`. */
function pidOf(output: string, label: string): number | undefined {
  const starts = [...output.matchAll(new RegExp(`^${label}\\s+started \\(pid (\\d+)\\)$`, 'gm'))];
  const last = starts.at(-1)?.[1];
  return last === undefined ? undefined : Number(last);
}

test('SIGKILL one users replica under load: ≤ 0.5% of countries calls fail and the runner restarts it', async () => {
  // countries ×3 over users ×2 as `npm start` runs them by default; the other services are not needed here.
  const { run, httpPorts } = await startLocalRun({ countries: 3, users: 2 }, 0);
  const countriesPort = httpPorts.get('countries') as number;
  const usersPort = httpPorts.get('users') as number;
  const victimPort = usersPort + 1;
  try {
    await waitAnswering(run, [countriesPort, countriesPort + 1, countriesPort + 2, usersPort, victimPort]);
    const victim = pidOf(run.output(), 'users-1');
    assert.ok(victim, `the runner printed users-1's pid:\n${run.output()}`);

    // 600 calls spread over the three countries replicas, paced (~100/s) so the load spans the kill, the
    // backoff and the return; bounded in time too.
    let done = 0;
    let killedAt = 0;
    let backAfterMs: number | undefined;
    const watchReturn = async () => {
      for (const deadline = performance.now() + 20_000; performance.now() < deadline; ) {
        if (await answers(victimPort)) {
          backAfterMs = performance.now() - killedAt;
          return;
        }
        await sleep(50);
      }
    };
    let watching: Promise<void> | undefined;
    const results = await Promise.all(
      [0, 1, 2].map((replica) =>
        runLoad({
          url: `http://127.0.0.1:${countriesPort + replica}`,
          path: (i) => `/countries?user_id=${replica * 1000 + i + 1}`,
          total: CALLS / 3,
          concurrency: 2,
          maxMs: 60_000,
          onProgress: async () => {
            if (++done === KILL_AFTER) {
              process.kill(victim, 'SIGKILL');
              killedAt = performance.now();
              watching = watchReturn();
            }
            await sleep(50);
          },
        }),
      ),
    );
    await watching;
    const sent = results.reduce((sum, result) => sum + result.sent, 0);
    const ok = results.reduce((sum, result) => sum + (result.statuses.get(200) ?? 0), 0);
    const failed = sent - ok;
    const statuses = results.flatMap((result) => [...result.statuses]);
    const errors = results.flatMap((result) => result.errors).slice(0, 3);
    console.log(
      `countries calls: ${sent} sent, ${failed} failed (${((failed / sent) * 100).toFixed(2)}%); ` +
        `users-1 answered again ${backAfterMs === undefined ? 'never' : `${Math.round(backAfterMs)} ms`} after SIGKILL`,
    );
    assert.equal(sent, CALLS, 'every call was made within the time bound');
    assert.ok(failed <= CALLS * 0.005, `${failed} of ${sent} failed: ${statuses} ${errors}`);

    // The issue's target is "back within 3 s": the 1 s backoff plus the service's start, which depends on the
    // machine's load; so the test checks the backoff the runner chose and that the replica came back, and
    // prints the measured time rather than asserting it.
    assert.ok(backAfterMs !== undefined, `users-1 did not answer within 20 s of SIGKILL:\n${run.output()}`);
    assert.match(run.output(), /^users-1 exited \(signal SIGKILL\) after [\d.]+ s; restart 1 in 1 s$/m);
    const restarted = pidOf(run.output(), 'users-1');
    assert.ok(restarted && restarted !== victim, `a new users-1 process (was ${victim}, now ${restarted})`);
    assert.equal(run.output().match(/ exited \(/g)?.length, 1, 'no other process exited or was restarted');

    // countries uses the returned replica again without being restarted itself.
    for (const deadline = Date.now() + 15_000; ; ) {
      const served = await metricValue(`http://127.0.0.1:${victimPort}`, 'http_requests_total', {
        route: '/users/:user_id',
        code: '200',
      });
      if (served > 0) break;
      assert.ok(Date.now() < deadline, 'countries never called the restarted users-1');
      await fetch(`http://127.0.0.1:${countriesPort}/countries?user_id=7`).then((r) => r.body?.cancel());
    }

    run.npm.kill('SIGTERM');
    const [code] = await once(run.npm, 'exit');
    assert.equal(code, 0, `the run stops cleanly after a restart:\n${run.output()}`);
  } finally {
    for (const pid of processesMarked(run.marker)) process.kill(pid, 'SIGKILL');
  }
});

test('a crash loop: one line per restart, 1 s doubling; its sibling keeps serving; SIGTERM cancels the restart', async () => {
  // demo ×2 with demo-0's port already taken: demo-0 exits 1 at every start (EADDRINUSE), demo-1 is fine.
  const { run, httpPorts } = await startLocalRun({ demo: 2 }, 0);
  const demoPort = httpPorts.get('demo') as number;
  const squatter = createServer().listen(demoPort, '127.0.0.1');
  try {
    await waitAnswering(run, [demoPort + 1]);
    const restartLine = (n: number, seconds: number) =>
      new RegExp(`^demo-0 exited \\(code 1\\) after [\\d.]+ s; restart ${n} in ${seconds} s$`, 'm');
    for (const deadline = Date.now() + 60_000; !restartLine(3, 4).test(run.output()); ) {
      assert.ok(Date.now() < deadline, `no third restart within 60 s:\n${run.output()}`);
      await sleep(100);
    }
    for (const [n, seconds] of [
      [1, 1],
      [2, 2],
      [3, 4],
    ] as const)
      assert.match(run.output(), restartLine(n, seconds));
    assert.ok(await answers(demoPort + 1), 'demo-1 kept serving');
    assert.doesNotMatch(run.output(), /^demo-1 exited/m);

    // Stopped while demo-0 waits out its 4 s: the run ends, and no demo-0 starts after it.
    run.npm.kill('SIGTERM');
    const [code] = await once(run.npm, 'exit');
    assert.equal(code, 0);
    await sleep(5000);
    assert.deepEqual(processesMarked(run.marker), [], 'nothing started after the run stopped');
  } finally {
    squatter.close();
    for (const pid of processesMarked(run.marker)) process.kill(pid, 'SIGKILL');
  }
});
