// Every service image as it runs (read-only root, non-root, podman/docker): CPU time to get ready, idle
// resident memory, and time from SIGTERM to exit, each beside its target (docs/performance/images.md). CPU time
// rather than wall time to ready: the process needs it whatever the load of this shared machine. These were
// assertions in test/containers/run.test.ts; speed and size targets live here (test/containers keeps the
// functional checks: read-only, uid, /healthz, exit 0 on SIGTERM).
// BENCH_IMAGES=users,kv limits the run to some services.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  cpuTimeMs,
  removeContainers,
  rssBytes,
  runContainer,
  stopWithSigterm,
  waitForOk,
} from '../test/containers/containers.ts';
import { standalone } from '../test/containers/standalone.ts';
import { engine, serviceTargets, testImage } from '../test/containers/testImages.ts';
import { writeResult } from './lib/results.ts';

const targets = { idleRssMb: 80, readyCpuMs: 500, stopMs: 2000 };
const only = process.env.BENCH_IMAGES?.split(',');
const chosen = serviceTargets.filter((target) => !only || only.includes(target.name));
const mb = 1024 * 1024;
const ratio = (value: number, target: number) => Math.round((value / target) * 100) / 100;

const figures: Record<string, unknown> = {};
for (const target of chosen) {
  const { imageId } = await testImage(target);
  const name = `podmesh-bench-image-${target.name}-${process.pid}`;
  const { env, volumePaths } = standalone(target.name);
  const volumes = volumePaths.map((path, index) => `${name}-${index}:${path}`);
  try {
    const container = await runContainer(engine, { name, image: imageId, env, volumes, publish: true });
    await waitForOk(engine, name, `${container.url}/readyz`);
    const readyCpuMs = await cpuTimeMs(engine, name);
    await sleep(1000); // idle: let start-up garbage be collected
    const idleRssMb = Math.round(((await rssBytes(engine, name)) / mb) * 10) / 10;
    const { exitCode, stopMs } = await stopWithSigterm(engine, name);
    const measured = { readyCpuMs, idleRssMb, stopMs, exitCode };
    figures[target.name] = {
      ...measured,
      ofTarget: {
        readyCpuMs: ratio(readyCpuMs, targets.readyCpuMs),
        idleRssMb: ratio(idleRssMb, targets.idleRssMb),
        stopMs: ratio(stopMs, targets.stopMs),
      },
    };
    console.log(
      `${target.name}: ready after ${readyCpuMs} ms CPU, idle RSS ${idleRssMb} MB, stopped in ${stopMs} ms`,
    );
  } finally {
    await removeContainers(engine, [name]);
    if (volumes.length > 0)
      await engine.result(['volume', 'rm', '--force', ...volumePaths.map((_, index) => `${name}-${index}`)]);
  }
}
writeResult('images', { targets, images: figures });
