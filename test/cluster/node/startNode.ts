// Joins a real node to a running test control plane: host network, containerd, kube-proxy, kubelet,
// CoreDNS, the API relay for pods; then the images. Teardown (stopNode.ts) removes every trace.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { execFile } from '../exec.ts';
import { formatLogTails } from '../logs.ts';
import { allocatePorts } from '../ports.ts';
import { startUntilReady } from '../startUntilReady.ts';
import { apiRelayPort, nodeIp, nodeName } from './addresses.ts';
import { createPodCgroupRoot } from './cgroups.ts';
import { writeCniConfig, writeContainerdConfig } from './containerdConfig.ts';
import { corednsRbac, writeCorefile } from './coredns.ts';
import { setUpHostNetwork } from './hostNetwork.ts';
import { writeKubeletConfig } from './kubeletConfig.ts';
import { writeKubeProxyConfig } from './kubeProxyConfig.ts';
import { kubernetesEndpointSlice } from './kubernetesEndpoints.ts';
import { type NodeComponent, type NodePorts, nodeComponents } from './nodeComponents.ts';
import { writeNodeIdentities } from './nodeIdentities.ts';
import { importPauseImage, importProjectImages } from './nodeImages.ts';
import { type NodeLayout, nodeLayout } from './nodeLayout.ts';
import { type NodeState, writeNodeState } from './nodeState.ts';

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)}s`;

export interface StartNodeOptions {
  clusterDir: string;
  /** Control plane bin directory (kubectl of the server's version). */
  controlPlaneBin: string;
  nodeBin: string;
  apiserverPort: number;
}

async function startComponent(
  component: NodeComponent,
  layout: NodeLayout,
  ports: NodePorts,
  state: NodeState,
) {
  const started = performance.now();
  try {
    const process_ = await startUntilReady({
      name: component.name,
      command: component.command(layout),
      args: component.args(layout, ports),
      log: join(layout.logs, `${component.name}.log`),
      processes: state.processes,
      save: () => writeNodeState(layout.clusterDir, state),
      ready: () => component.ready(layout, ports),
      tag: '[node]',
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    console.log(`[node] ${component.name} ready in ${seconds(started)} (pid ${process_.pid})`);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${formatLogTails(state.processes, 40)}`);
  }
}

export async function startNode(options: StartNodeOptions): Promise<NodeState> {
  const started = performance.now();
  const layout = nodeLayout(options.clusterDir, options.nodeBin);
  mkdirSync(layout.dir, { recursive: true });
  const kubectl = (args: string[], input?: string) =>
    execFile(
      join(options.controlPlaneBin, 'kubectl'),
      [`--kubeconfig=${join(layout.clusterDir, 'kubeconfig')}`, ...args],
      {
        input,
      },
    );
  const [kubeletHealthz, kubeProxyHealthz, kubeProxyMetrics, corednsHealth, corednsReady] = Object.values(
    await allocatePorts(),
  ) as number[];
  const ports: NodePorts = {
    apiserver: options.apiserverPort,
    kubeletHealthz: kubeletHealthz as number,
    kubeProxyHealthz: kubeProxyHealthz as number,
    kubeProxyMetrics: kubeProxyMetrics as number,
    corednsHealth: corednsHealth as number,
    corednsReady: corednsReady as number,
  };
  const state: NodeState = {
    bin: options.nodeBin,
    ports,
    processes: [],
    startedAt: new Date().toISOString(),
  };
  writeNodeState(layout.clusterDir, state);

  await setUpHostNetwork();
  createPodCgroupRoot();
  await writeNodeIdentities(layout.clusterDir, options.apiserverPort);
  writeContainerdConfig(layout);
  writeCniConfig(layout);
  writeKubeletConfig(layout, ports.kubeletHealthz);
  writeKubeProxyConfig(layout, ports.kubeProxyHealthz, ports.kubeProxyMetrics);
  writeCorefile(layout, ports.corednsHealth, ports.corednsReady);
  await kubectl(['apply', '-f', '-'], corednsRbac);
  // Pods reach the API server through the `kubernetes` Service: its endpoint is the relay on the node address.
  await kubectl(['apply', '-f', '-'], kubernetesEndpointSlice(nodeIp, apiRelayPort));
  // The simulated kwok node would take real workloads and "run" them without containers: keep them off it.
  await kubectl(['taint', 'nodes', '--overwrite', 'kwok.x-k8s.io/node=fake:NoSchedule', '-l', 'type=kwok']);

  // containerd's shim is looked up on PATH; every child of this process inherits it.
  process.env.PATH = `${options.nodeBin}:${process.env.PATH}`;
  for (const component of nodeComponents) {
    await startComponent(component, layout, ports, state);
    if (component.name === 'containerd') await importPauseImage(layout);
  }
  await waitFor(
    `node ${nodeName} Ready`,
    async () => {
      const status = await kubectl([
        'get',
        'node',
        nodeName,
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Ready")].status}',
      ]);
      return status === 'True';
    },
    isTrue,
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  console.log(`[node] ${nodeName} Ready in ${seconds(started)}`);
  await importProjectImages(layout);
  return state;
}
