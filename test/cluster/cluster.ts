// Starts and stops the whole test cluster: state in .cluster/, processes recorded by PID.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeCertificates } from './certificates.ts';
import type { ClusterLayout } from './components/component.ts';
import { controlPlaneComponents } from './components/index.ts';
import { identities } from './identities.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { formatLogTails } from './logs.ts';
import { stopNode } from './node/stopNode.ts';
import { kubeconfigPath, stateDir } from './paths.ts';
import { allocatePorts } from './ports.ts';
import { stopProcess } from './processes.ts';
import { startUntilReady } from './startUntilReady.ts';
import { type ClusterState, readState, writeState } from './state.ts';
import { versions } from './versions.ts';

const startTimeoutMs = 90_000;

function layoutOf(dir: string, bin: string, ports: ClusterState['ports']): ClusterLayout {
  return {
    dir,
    bin,
    ports,
    pki: join(dir, 'pki'),
    assets: bin,
    kubeconfig: (client) =>
      client === 'admin' ? kubeconfigPath() : join(dir, 'kubeconfigs', `${client}.kubeconfig`),
  };
}

/** Stops every recorded process (newest first) and deletes the state directory. Safe to call at any time. */
export async function stopCluster(): Promise<void> {
  const dir = stateDir();
  const state = readState(dir);
  await stopNode(dir); // a real node, if one joined: its containers, mounts and host rules go first
  for (const process_ of [...(state?.processes ?? [])].reverse()) await stopProcess(process_);
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Starts a fresh cluster, cleaning up whatever an earlier (possibly crashed) run left behind. */
export async function startCluster(bin: string, owner: number | null): Promise<ClusterState> {
  await stopCluster();
  const dir = stateDir();
  mkdirSync(join(dir, 'logs'), { recursive: true });
  mkdirSync(join(dir, 'kubeconfigs'), { recursive: true });
  const ports = await allocatePorts();
  const layout = layoutOf(dir, bin, ports);
  const started = performance.now();
  await writeCertificates(layout.pki, identities);
  const server = `https://127.0.0.1:${ports.apiserver}`;
  for (const { file } of identities) writeKubeconfig(layout.kubeconfig(file), server, layout.pki, file);
  const state: ClusterState = {
    kubernetesVersion: versions.kubernetes,
    owner,
    ports,
    processes: [],
    startedAt: new Date().toISOString(),
  };
  try {
    for (const component of controlPlaneComponents) {
      const componentStarted = performance.now();
      const process_ = await startUntilReady({
        name: component.name,
        command: join(bin, component.binary),
        args: component.args(layout),
        log: join(dir, 'logs', `${component.name}.log`),
        processes: state.processes,
        save: () => writeState(dir, state),
        ready: (started) => component.ready(layout, started),
        tag: '[cluster]',
        timeoutMs: startTimeoutMs,
        intervalMs: 200,
      });
      const took = ((performance.now() - componentStarted) / 1000).toFixed(1);
      console.log(`[cluster] ${component.name} ready in ${took}s (pid ${process_.pid})`);
    }
  } catch (error) {
    const message = `${(error as Error).message}\n${formatLogTails(state.processes)}`;
    await stopCluster();
    throw new Error(message);
  }
  console.log(`[cluster] control plane ready in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  return state;
}
