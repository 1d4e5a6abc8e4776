// The PeerMesh operator on a real API server (kwok nodes): CR change → ConfigMap, CR change → every peer process
// using the new set (against the ~60 s a ConfigMap volume refresh can take), 100 CRs → all Ready, operator RSS.
import { execFileSync } from 'node:child_process';
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { group, plural, version } from '../operator/src/api.ts';
import { binDir } from '../test/cluster/paths.ts';
import { repoRoot } from '../test/support/processes.ts';
import { withControlPlane } from './lib/cluster.ts';
import { rssMegabytes } from './lib/measure.ts';
import { startScript, stopAllProcesses } from './lib/processes.ts';
import { writeResult } from './lib/results.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const meshCount = Number(process.env.BENCH_MESHES ?? 100);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const summary = (values: number[]) => ({
  medianMs: percentile(values, 50),
  p95Ms: percentile(values, 95),
  n: values.length,
});

async function until<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

async function bench(kubeconfig: string, kubeConfig: KubeConfig) {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const kubectl = `${binDir()}/kubectl`;
  execFileSync(kubectl, [
    '--kubeconfig',
    kubeconfig,
    'apply',
    '--server-side',
    '--force-conflicts',
    '-f',
    `${repoRoot}deploy/operator/crd.yaml`,
  ]);
  const namespace = `bench-operator-${Date.now()}`;
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  const operator = await startScript('operator/src/main.ts', {
    KUBECONFIG: kubeconfig,
    LEADER_ELECTION: 'false',
  });
  const mesh = (name: string, spec: object) => ({
    apiVersion: `${group}/${version}`,
    kind: 'PeerMesh',
    metadata: { name },
    spec,
  });
  const setInterval = (name: string, interval: string) =>
    custom.patchNamespacedCustomObject({
      group,
      version,
      namespace,
      plural,
      name,
      body: [{ op: 'replace', path: '/spec/interval', value: interval }],
    });
  try {
    // 1. CR change → ConfigMap updated.
    await custom.createNamespacedCustomObject({
      group,
      version,
      namespace,
      plural,
      body: mesh('mesh', { replicas: 3, interval: '10s' }),
    });
    await until(() => core.readNamespacedConfigMap({ namespace, name: 'mesh-peers' }));
    const toConfigMap: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const interval = `${11 + round}s`;
      const started = Date.now();
      await setInterval('mesh', interval);
      await until(async () =>
        (await core.readNamespacedConfigMap({ namespace, name: 'mesh-peers' })).data?.[
          'peers.yaml'
        ]?.startsWith(`interval: ${interval}`),
      );
      toConfigMap.push(Date.now() - started);
    }
    console.log('CR change → ConfigMap', summary(toConfigMap));

    // 2. CR change → every peer process (API-watch mode, as the mesh's ServiceAccount) using the new set.
    const token = execFileSync(
      kubectl,
      ['--kubeconfig', kubeconfig, '-n', namespace, 'create', 'token', 'mesh-peer'],
      { encoding: 'utf8' },
    ).trim();
    const peerKubeconfig = `${repoRoot}bench/results/peer-${namespace}.kubeconfig`;
    const cluster = kubeConfig.getCurrentCluster();
    const { writeFileSync, mkdirSync, rmSync } = await import('node:fs');
    mkdirSync(`${repoRoot}bench/results`, { recursive: true });
    writeFileSync(
      peerKubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'p',
        clusters: [
          { name: 'c', cluster: { server: cluster?.server, 'certificate-authority-data': cluster?.caData } },
        ],
        users: [{ name: 'u', user: { token } }],
        contexts: [{ name: 'p', context: { cluster: 'c', user: 'u', namespace } }],
      }),
    );
    const peers = await Promise.all(
      [0, 1, 2].map((ordinal) =>
        startScript('services/peer/src/main.ts', {
          KUBECONFIG: peerKubeconfig,
          POD_NAME: `mesh-${ordinal}`,
          PEER_CONFIGMAP: 'mesh-peers',
          PEER_NAMESPACE: namespace,
          PEER_CONFIG_FILE: '/nonexistent/peers.yaml',
          PEER_CONFIG_POLL_MS: '60000',
        }),
      ),
    );
    const intervalOf = async (port: number) => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return Number(/^peer_config_reloads_total\{[^}]*result="applied"[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const toPeers: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const before = await Promise.all(peers.map((p) => intervalOf(p.port)));
      const started = Date.now();
      await setInterval('mesh', `${40 + round}s`);
      await until(
        async () =>
          (await Promise.all(peers.map((p) => intervalOf(p.port)))).every((n, i) => n > (before[i] ?? 0)),
        30_000,
        5,
      );
      toPeers.push(Date.now() - started);
    }
    console.log('CR change → all peers using it', summary(toPeers));
    rmSync(peerKubeconfig, { force: true });

    // 3. Many CRs at once → all Ready (kwok runs the pods).
    const started = Date.now();
    await Promise.all(
      Array.from({ length: meshCount }, (_, i) =>
        custom.createNamespacedCustomObject({
          group,
          version,
          namespace,
          plural,
          body: mesh(`m${i}`, { replicas: 1, interval: '30s' }),
        }),
      ),
    );
    await until(
      async () => {
        const list = (await custom.listNamespacedCustomObject({ group, version, namespace, plural })) as {
          items: Array<{
            metadata: { name: string };
            status?: { conditions?: Array<{ type: string; status: string }> };
          }>;
        };
        const ready = list.items.filter(
          (m) =>
            m.metadata.name.startsWith('m') &&
            m.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
        );
        return ready.length === meshCount;
      },
      300_000,
      250,
    );
    const allReadyMs = Date.now() - started;
    const operatorRssMb = Math.round(rssMegabytes(operator.pid));
    console.log(`${meshCount} PeerMeshes → all Ready in ${allReadyMs} ms; operator RSS ${operatorRssMb} MB`);
    writeResult('operator', {
      crChangeToConfigMap: summary(toConfigMap),
      crChangeToAllPeers: summary(toPeers),
      meshes: meshCount,
      allReadyMs,
      operatorRssMb,
      targets: { crChangeToAllPeersP95Ms: 2000, allReadyMs: 30_000, operatorRssMb: 150 },
    });
  } finally {
    await stopAllProcesses();
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  }
}

await withControlPlane(bench);
