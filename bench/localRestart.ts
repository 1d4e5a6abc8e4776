// localRestart: how soon `npm start` has a killed service answering again (issue #23: "back within 3 s").
// Each round SIGKILLs users-1 of a local run and times until it answers /readyz again; the baseline, measured in
// the same run and interleaved with it, is a fresh users process from spawn to /readyz. The runner waits its
// 1 s backoff on purpose, so the ratio compares (restart − 1 s) with a cold start: ≤ 1.2 means the supervisor
// adds nothing of its own. The absolute time is reported against the 3 s target: it depends on how fast
// the machine starts a Node service, which the ratio factors out.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startService, stopAll } from '@podmesh/testkit/processes';
import { restartBackoff } from '../scripts/local/backoff.ts';
import { answers, processesMarked, startLocalRun, waitAnswering } from '../test/system/localSystem.ts';
import { round } from './lib/measure.ts';
import { writeResult } from './lib/results.ts';

const rounds = Number(process.env.BENCH_RESTART_ROUNDS ?? 5);
const targetMs = 3000;

async function untilAnswering(port: number, since: number): Promise<number> {
  for (const deadline = since + 30_000; performance.now() < deadline; await sleep(20)) {
    if (await answers(port)) return performance.now() - since;
  }
  throw new Error(`port ${port} did not answer within 30 s`);
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const { run, httpPorts } = await startLocalRun({ users: 2 }, 0);
const victimPort = (httpPorts.get('users') as number) + 1;
const restarts: number[] = [];
const respawns: number[] = [];
const coldStarts: number[] = [];
try {
  await waitAnswering(run, [victimPort - 1, victimPort]);
  for (let round = 0; round < rounds; round++) {
    // Up past the backoff's reset, so every kill is a first crash (1 s), not a crash loop.
    await sleep(restartBackoff.resetAfterMs + 500);
    const starts = () => [...run.output().matchAll(/^users-1\s+started \(pid (\d+)\)$/gm)];
    const before = starts();
    const killedAt = performance.now();
    process.kill(Number(before.at(-1)?.[1]), 'SIGKILL');
    // The runner's part: noticing the exit, the backoff, the new spawn (its "started" line).
    while (starts().length === before.length && performance.now() - killedAt < 30_000) await sleep(5);
    respawns.push(performance.now() - killedAt);
    restarts.push(await untilAnswering(victimPort, killedAt));

    const spawnedAt = performance.now();
    const fresh = await startService('users', { waitReady: false, env: { LOG_LEVEL: 'warn' } });
    coldStarts.push(await untilAnswering(fresh.httpPort, spawnedAt));
    await stopAll([fresh]);
    console.log(
      `round ${round + 1}: respawned after ${Math.round(respawns.at(-1) as number)} ms, answering after ${Math.round(restarts.at(-1) as number)} ms; cold start ${Math.round(coldStarts.at(-1) as number)} ms`,
    );
  }
} finally {
  run.npm.kill('SIGTERM');
  await sleep(3000);
  for (const pid of processesMarked(run.marker)) process.kill(pid, 'SIGKILL');
}

const restartMs = median(restarts);
const coldStartMs = median(coldStarts);
const ratio = (restartMs - restartBackoff.initialMs) / coldStartMs;
const figures = {
  rounds,
  respawnMs: respawns.map((ms) => round(ms, 0)),
  restartMs: restarts.map((ms) => round(ms, 0)),
  coldStartMs: coldStarts.map((ms) => round(ms, 0)),
  medianRestartMs: round(restartMs, 0),
  medianColdStartMs: round(coldStartMs, 0),
  backoffMs: restartBackoff.initialMs,
  restartLessBackoffOverColdStart: round(ratio, 2),
  ratioTarget: 1.2,
  ratioMet: ratio <= 1.2,
  absoluteTargetMs: targetMs,
  absoluteMet: restartMs <= targetMs,
};
writeResult('localRestart', figures);
console.log(
  `users-1 back after ${figures.medianRestartMs} ms (median of ${rounds}; target ≤ ${targetMs} ms: ${figures.absoluteMet ? 'met' : 'NOT met'}); ` +
    `cold start ${figures.medianColdStartMs} ms; (restart − ${restartBackoff.initialMs} ms backoff) ÷ cold start = ${figures.restartLessBackoffOverColdStart} (target ≤ 1.2: ${figures.ratioMet ? 'met' : 'NOT met'})`,
);
