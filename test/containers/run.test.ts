// Every service container starts on a read-only root filesystem as the non-root user, answers /healthz, and
// on SIGTERM exits 0 (Node is PID 1: the runtime's own handler is all that stops it). Its figures (idle RSS,
// CPU time to ready, time to stop) are printed here; their targets are checked by bench/images.ts.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  cpuTimeMs,
  inspect,
  logLines,
  processUid,
  removeContainers,
  rssBytes,
  runContainer,
  stopWithSigterm,
  waitForOk,
} from './containers.ts';
import { standalone } from './standalone.ts';
import { engine, serviceTargets, testImage } from './testImages.ts';

const mb = 1024 * 1024;
const made: string[] = [];
const volumes: string[] = [];

after(async () => {
  await removeContainers(engine, made);
  if (volumes.length > 0) await engine.result(['volume', 'rm', '--force', ...volumes]);
});

/** From the moment the container's process started to the runtime's "<name> ready" log line. */
async function startToReadyMs(name: string, service: string): Promise<number> {
  const startedNs = BigInt(await inspect(engine, name, '{{.State.StartedAt.UnixNano}}'));
  const ready = (await logLines(engine, name)).find((line) => line.message === `${service} ready`);
  assert.ok(ready, `${service} logged no "${service} ready" line`);
  return Date.parse(ready.time as string) - Number(startedNs / 1_000_000n);
}

describe('service containers', () => {
  for (const target of serviceTargets) {
    test(`${target.name}: read-only, non-root, /healthz, stops on SIGTERM; ready time and RSS measured`, async (t) => {
      const { imageId } = await testImage(target);
      const name = `podmesh-test-run-${target.name}-${process.pid}`;
      const { env, volumePaths } = standalone(target.name);
      const mounts = volumePaths.map((path, index) => {
        const volume = `${name}-${index}`;
        volumes.push(volume);
        return `${volume}:${path}`;
      });
      made.push(name);
      const container = await runContainer(engine, {
        name,
        image: imageId,
        env,
        volumes: mounts,
        publish: true,
      });
      const url = container.url as string;
      await waitForOk(engine, name, `${url}/readyz`);
      const cpuMs = await cpuTimeMs(engine, name);

      assert.equal(await inspect(engine, name, '{{.HostConfig.ReadonlyRootfs}}'), 'true');
      assert.deepEqual(await processUid(engine, name), [65532, 65532], 'PID 1 runs as uid 65532');
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);

      const readyMs = await startToReadyMs(name, target.name);
      await new Promise((resolve) => setTimeout(resolve, 1000)); // idle: let start-up garbage be collected
      const rss = await rssBytes(engine, name);
      const { exitCode, stopMs } = await stopWithSigterm(engine, name);
      const rssMb = (rss / mb).toFixed(1);
      t.diagnostic(
        `${target.name}: ready ${readyMs} ms after start (${cpuMs} ms CPU), idle RSS ${rssMb} MB, stopped in ${stopMs} ms`,
      );

      assert.equal(exitCode, 0, `${target.name} exit code after SIGTERM`);
      assert.ok(Number.isFinite(readyMs), `${target.name}: no start-to-ready time`);
    });
  }
});
