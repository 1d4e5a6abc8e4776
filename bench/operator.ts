// The PeerMesh operator on a real API server (kwok nodes): CR change → ConfigMap, CR change → every peer process
// using the new set (against the ~60 s a ConfigMap volume refresh can take), then bursts of 100 CRs → all Ready
// with the operator's memory and CPU, optionally against a baseline operator in the same run.
//
// The operator runs in cgroups with the memory and CPU limits of its Deployment (deploy/operator/operator.yaml),
// as in its pod: V8 sizes its heap from the memory limit (on this 24 GiB machine it would otherwise grow a 64 MB
// young generation a pod never has), going over it ends the run as it would end the pod, and the CPU quota
// throttles it as the kubelet would.
//
// It runs as it ships: bundled by scripts/bundle.ts into one main.mjs laid out as in the image (running the
// TypeScript directly costs ~30 MB more: type stripping and ~1,600 modules); BENCH_OPERATOR_FORM=source runs
// operator/src/main.ts instead.
//
// BENCH_ROUNDS (CR-change rounds), BENCH_MESHES (meshes per burst), BENCH_BURSTS (bursts per operator),
// BENCH_BASELINE (a directory holding another operator, e.g. an older commit:
// `git archive <commit> operator deploy/operator | tar -x -C DIR` and `ln -s $PWD/node_modules DIR/`).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { repoRoot } from '@podmesh/testkit/processes';
import { parseAllDocuments } from 'yaml';
import { group, type PeerMesh, type PeerMeshSpec, plural, version } from '../operator/src/api.ts';
import { PooledKubeConfig } from '../packages/kube/src/index.ts';
import { binDir, stateDir } from '../test/cluster/paths.ts';
import { readState } from '../test/cluster/state.ts';
import { withControlPlane } from './lib/cluster.ts';
import { cpuSeconds, rssMegabytes } from './lib/measure.ts';
import { freePort, startScript, stopAllProcesses } from './lib/processes.ts';
import { writeResult } from './lib/results.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const meshCount = Number(process.env.BENCH_MESHES ?? 100);
const bursts = Number(process.env.BENCH_BURSTS ?? 3);
const form = process.env.BENCH_OPERATOR_FORM === 'source' ? 'source' : 'bundle';
const bundlesDir = mkdtempSync(join(tmpdir(), 'podmesh-bench-operator-'));
const baselineRoot = process.env.BENCH_BASELINE;
const benchLabel = 'podmesh.dev/bench';
const burstLabel = 'podmesh.dev/bench-burst';

/** Creates one PeerMesh (the operator's CR) in the benchmark's namespace. */
function createMesh(
  custom: CustomObjectsApi,
  namespace: string,
  metadata: { name: string; labels?: Record<string, string> },
  spec: PeerMeshSpec,
) {
  return custom.createNamespacedCustomObject({
    group,
    version,
    namespace,
    plural,
    body: { apiVersion: `${group}/${version}`, kind: 'PeerMesh', metadata, spec },
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const summary = (values: number[]) => ({
  medianMs: percentile(values, 50),
  p95Ms: percentile(values, 95),
  n: values.length,
});
const median = (values: number[]) => percentile(values, 50);
const round1 = (value: number) => Math.round(value * 10) / 10;

async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what} ${lastError}`);
    await sleep(intervalMs);
  }
}

// --- the operator under test, in cgroups like its pod ---------------------------------------------

interface PodLimits {
  memoryBytes: number;
  cpuMillis?: number;
}

/** resources.limits of the operator Deployment in `root`/deploy/operator/operator.yaml. */
function deploymentLimits(root: string): PodLimits {
  const text = readFileSync(`${root}/deploy/operator/operator.yaml`, 'utf8');
  for (const document of parseAllDocuments(text)) {
    const object = document.toJS() as {
      kind?: string;
      spec?: {
        template?: {
          spec?: { containers?: Array<{ resources?: { limits?: { memory?: string; cpu?: string } } }> };
        };
      };
    };
    const limits =
      object?.kind === 'Deployment'
        ? object.spec?.template?.spec?.containers?.[0]?.resources?.limits
        : undefined;
    if (limits?.memory) {
      const [, number, unit = ''] = /^(\d+)(Mi|Gi|M|G)?$/.exec(limits.memory) ?? [];
      const scale = { '': 1, Mi: 2 ** 20, Gi: 2 ** 30, M: 1e6, G: 1e9 }[unit] ?? Number.NaN;
      const cpu = limits.cpu ? /^(\d+)(m?)$/.exec(limits.cpu) : undefined;
      return {
        memoryBytes: Number(number) * scale,
        ...(cpu ? { cpuMillis: Number(cpu[1]) * (cpu[2] ? 1 : 1000) } : {}),
      };
    }
  }
  throw new Error(`no memory limit in ${root}/deploy/operator/operator.yaml`);
}

/**
 * Cgroups (v1 here, v2 elsewhere) with the pod's memory and CPU limits: the files to write a PID into, or
 * undefined when they cannot be made (then the operator runs unconstrained, and the result says so).
 */
function podCgroups(name: string, { memoryBytes, cpuMillis }: PodLimits) {
  const v2 = existsSync('/sys/fs/cgroup/cgroup.controllers');
  const made: string[] = [];
  const remove = () => {
    for (const dir of made.splice(0).reverse()) rmdirSync(dir);
  };
  const group = (dir: string, settings: Record<string, string>) => {
    mkdirSync(dir, { recursive: true });
    made.push(dir);
    for (const [file, value] of Object.entries(settings)) writeFileSync(`${dir}/${file}`, value);
    return `${dir}/cgroup.procs`;
  };
  const periodUs = 100_000;
  const quotaUs = cpuMillis ? String((cpuMillis * periodUs) / 1000) : undefined;
  try {
    const procs = v2
      ? [
          group(`/sys/fs/cgroup/${name}`, {
            'memory.max': String(memoryBytes),
            ...(quotaUs ? { 'cpu.max': `${quotaUs} ${periodUs}` } : {}),
          }),
        ]
      : [
          group(`/sys/fs/cgroup/memory/${name}`, { 'memory.limit_in_bytes': String(memoryBytes) }),
          ...(quotaUs
            ? [
                group(`/sys/fs/cgroup/cpu/${name}`, {
                  'cpu.cfs_period_us': String(periodUs),
                  'cpu.cfs_quota_us': quotaUs,
                }),
              ]
            : []),
        ];
    return { procs, remove };
  } catch (error) {
    remove();
    console.warn(`no cgroup (${(error as Error).message}): the operator runs without its pod's limits`);
    return undefined;
  }
}

interface Operator {
  name: string;
  pid: number;
  url: string;
  child: ChildProcess;
  /** The pod limits it ran under (absent: unconstrained). */
  limits?: PodLimits;
  stop(): Promise<void>;
}

/** The operator's entry point: its bundle laid out as the image's /app (see the Dockerfile), or its source. */
function operatorEntry(name: string, root: string): string {
  if (form === 'source') return `${root}/operator/src/main.ts`;
  const bundler = `${repoRoot}scripts/bundle.ts`;
  if (!existsSync(bundler)) {
    console.warn(`no ${bundler}: the ${name} operator runs from its TypeScript source`);
    return `${root}/operator/src/main.ts`;
  }
  const out = join(bundlesDir, name);
  const app = `${out}/app`;
  // This checkout's bundler for both operators: it places packages' data files by their path in this repo.
  execFileSync(process.execPath, [bundler, relative(repoRoot, `${root}/operator`), out], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  for (const layer of ['external', 'files', 'own']) cpSync(`${out}/${layer}`, app, { recursive: true });
  return `${app}/main.mjs`;
}

async function startOperator(
  name: string,
  entry: string,
  root: string,
  kubeconfig: string,
): Promise<Operator> {
  const port = await freePort();
  const limits = deploymentLimits(root);
  const cgroup = podCgroups(`podmesh-bench-operator-${process.pid}-${name}`, limits);
  const argv = cgroup
    ? [
        'sh',
        '-c',
        'for f in $CGROUP_PROCS; do echo $$ > "$f"; done && exec "$@"',
        'sh',
        process.execPath,
        entry,
      ]
    : [process.execPath, entry];
  const child = spawn(argv[0] as string, argv.slice(1), {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      KUBECONFIG: kubeconfig,
      CGROUP_PROCS: cgroup?.procs.join(' ') ?? '',
      LEADER_ELECTION: 'false',
      PORT: String(port),
      GRPC_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await until(`${name} operator /readyz`, async () => (await fetch(`${url}/readyz`)).ok, 30_000, 50);
  return {
    name,
    pid: child.pid as number,
    url,
    child,
    ...(cgroup ? { limits } : {}),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      cgroup?.remove();
    },
  };
}

/** Sums of the named series in a Prometheus text exposition. */
async function scrape(url: string, names: string[]): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sums: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (match?.[1] && match[1] in sums) sums[match[1]] = (sums[match[1]] ?? 0) + Number(match[2]);
  }
  return sums;
}

async function memoryOf(operator: Operator) {
  const m = await scrape(operator.url, [
    'nodejs_heap_size_used_bytes',
    'nodejs_heap_size_total_bytes',
    'nodejs_external_memory_bytes',
  ]);
  const mb = (bytes: number | undefined) => round1((bytes ?? 0) / 2 ** 20);
  const rssMb = round1(rssMegabytes(operator.pid));
  const heapTotalMb = mb(m.nodejs_heap_size_total_bytes);
  const externalMb = mb(m.nodejs_external_memory_bytes);
  return {
    rssMb,
    heapUsedMb: mb(m.nodejs_heap_size_used_bytes),
    heapTotalMb,
    externalMb,
    // Code, the interpreter's own data, thread stacks, OpenSSL and malloc's free lists.
    otherMb: round1(rssMb - heapTotalMb - externalMb),
  };
}

// --- the bursts --------------------------------------------------------------------------------------------

interface Clients {
  core: CoreV1Api;
  apps: AppsV1Api;
  custom: CustomObjectsApi;
}

function controlPlanePids(): Record<string, number> {
  const processes = readState(stateDir())?.processes ?? [];
  return Object.fromEntries(
    processes.filter((p) => ['kube-apiserver', 'etcd'].includes(p.name)).map((p) => [p.name, p.pid]),
  );
}

async function burst(clients: Clients, namespace: string, operator: Operator, id: string) {
  const { custom } = clients;
  const idle = await memoryOf(operator);
  const pids = { operator: operator.pid, ...controlPlanePids() };
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuSeconds(pid)]));
  const countersBefore = await scrape(operator.url, [
    'podmesh_reconcile_total',
    'podmesh_reconcile_applies_total',
  ]);
  const loadBefore = loadavg()[0] as number;
  const selector = `${burstLabel}=${id}`;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: meshCount }, (_, i) =>
      createMesh(
        custom,
        namespace,
        { name: `${id}-${i}`, labels: { [burstLabel]: id } },
        { replicas: 1, interval: '30s' },
      ),
    ),
  );
  // When the operator had applied every StatefulSet, when kwok had every pod Ready, when every mesh said so.
  const phases: Record<string, number> = {};
  const reached = (phase: string, done: boolean) => {
    if (done) phases[phase] ??= Date.now() - started;
  };
  const ofBurst = (name: string | undefined) => name?.startsWith(`${id}-`) ?? false;
  await until(
    `${meshCount} meshes Ready (${operator.name})`,
    async () => {
      const [list, sets, pods] = await Promise.all([
        custom.listNamespacedCustomObject({ group, version, namespace, plural, labelSelector: selector }),
        clients.apps.listNamespacedStatefulSet({ namespace }),
        clients.core.listNamespacedPod({ namespace }),
      ]);
      reached('statefulSetsMs', sets.items.filter((set) => ofBurst(set.metadata?.name)).length === meshCount);
      const readyPods = pods.items.filter(
        (pod) =>
          ofBurst(pod.metadata?.name) &&
          pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      reached('podsReadyMs', readyPods.length === meshCount);
      const ready = (list as { items: PeerMesh[] }).items.filter(
        (mesh) =>
          mesh.status?.observedGeneration === mesh.metadata?.generation &&
          mesh.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      return ready.length === meshCount;
    },
    300_000,
    500,
  );
  const allReadyMs = Date.now() - started;
  const counters = await scrape(operator.url, ['podmesh_reconcile_total', 'podmesh_reconcile_applies_total']);
  const cpu = Object.fromEntries(
    Object.entries(pids).map(([n, pid]) => [n, round1(cpuSeconds(pid) - (cpuBefore[n] ?? 0))]),
  );
  const loaded = await memoryOf(operator);
  return {
    operator: operator.name,
    limits: operator.limits ?? 'none',
    allReadyMs,
    phases,
    reconciles: (counters.podmesh_reconcile_total ?? 0) - (countersBefore.podmesh_reconcile_total ?? 0),
    applies:
      (counters.podmesh_reconcile_applies_total ?? 0) - (countersBefore.podmesh_reconcile_applies_total ?? 0),
    cpuSeconds: cpu,
    load1: [round1(loadBefore), round1(loadavg()[0] as number)],
    memoryIdle: idle,
    memoryAfter: loaded,
  };
}

/** Deletes a burst's meshes and waits for their pods to go, so the next burst has the node to itself. */
async function clearBurst({ custom, core }: Clients, namespace: string, id: string) {
  await custom.deleteCollectionNamespacedCustomObject({
    group,
    version,
    namespace,
    plural,
    labelSelector: `${burstLabel}=${id}`,
  });
  await until(
    `pods of burst ${id} gone`,
    async () => {
      const pods = await core.listNamespacedPod({ namespace });
      return !pods.items.some((pod) => pod.metadata?.name?.startsWith(`${id}-`));
    },
    240_000,
    500,
  );
}

/**
 * A reused control plane may still be deleting an earlier run's namespace: its pods hold the kwok node's
 * 110 pod slots, so this run's pods would stay Pending. Wait for it, and check the room left.
 */
async function waitForCleanNode({ core }: Clients, podsNeeded: number) {
  await until(
    'earlier benchmark namespaces deleted',
    async () => (await core.listNamespace({ labelSelector: benchLabel })).items.length === 0,
    240_000,
    1000,
  );
  await until(
    `${podsNeeded} free pod slots on the nodes`,
    async () => {
      const nodes = (await core.listNode()).items;
      const slots = nodes.reduce((sum, node) => sum + Number(node.status?.allocatable?.pods ?? 0), 0);
      const used = (await core.listPodForAllNamespaces()).items.filter((pod) => pod.spec?.nodeName).length;
      return slots - used >= podsNeeded;
    },
    240_000,
    1000,
  );
}

// --- CR change → ConfigMap → peers -------------------------------------------------------------------------

async function crChangeLatencies(
  kubeconfig: string,
  kubeConfig: KubeConfig,
  clients: Clients,
  namespace: string,
) {
  const { core, custom } = clients;
  const kubectl = `${binDir()}/kubectl`;
  const setInterval = (interval: string) =>
    custom.patchNamespacedCustomObject({
      group,
      version,
      namespace,
      plural,
      name: 'mesh',
      body: [{ op: 'replace', path: '/spec/interval', value: interval }],
    });
  await createMesh(custom, namespace, { name: 'mesh' }, { replicas: 3, interval: '10s' });
  await until('mesh-peers', () => core.readNamespacedConfigMap({ namespace, name: 'mesh-peers' }));
  const toConfigMap: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const interval = `${11 + round}s`;
    const started = Date.now();
    await setInterval(interval);
    await until('ConfigMap updated', async () =>
      (await core.readNamespacedConfigMap({ namespace, name: 'mesh-peers' })).data?.[
        'peers.yaml'
      ]?.startsWith(`interval: ${interval}`),
    );
    toConfigMap.push(Date.now() - started);
  }
  console.log('CR change → ConfigMap', summary(toConfigMap));

  // Every peer process (API-watch mode, as the mesh's ServiceAccount) using the new set.
  const token = execFileSync(
    kubectl,
    ['--kubeconfig', kubeconfig, '-n', namespace, 'create', 'token', 'mesh-peer'],
    { encoding: 'utf8' },
  ).trim();
  const peerKubeconfig = `${repoRoot}bench/results/peer-${namespace}.kubeconfig`;
  const cluster = kubeConfig.getCurrentCluster();
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
  try {
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
    const reloads = async (port: number) => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return Number(/^peer_config_reloads_total\{[^}]*result="applied"[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const toPeers: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const before = await Promise.all(peers.map((p) => reloads(p.port)));
      const started = Date.now();
      await setInterval(`${40 + round}s`);
      await until(
        'every peer reloaded',
        async () =>
          (await Promise.all(peers.map((p) => reloads(p.port)))).every((n, i) => n > (before[i] ?? 0)),
        30_000,
        5,
      );
      toPeers.push(Date.now() - started);
    }
    console.log('CR change → all peers using it', summary(toPeers));
    return { crChangeToConfigMap: summary(toConfigMap), crChangeToAllPeers: summary(toPeers) };
  } finally {
    await stopAllProcesses();
    rmSync(peerKubeconfig, { force: true });
    await custom.deleteNamespacedCustomObject({ group, version, namespace, plural, name: 'mesh' });
  }
}

// --- the run -----------------------------------------------------------------------------------------------

function summarise(results: Array<Awaited<ReturnType<typeof burst>>>, name: string) {
  const mine = results.filter((r) => r.operator === name);
  return {
    allReadyMs: { median: median(mine.map((r) => r.allReadyMs)), all: mine.map((r) => r.allReadyMs) },
    statefulSetsMs: median(mine.map((r) => r.phases.statefulSetsMs ?? Number.NaN)),
    podsReadyMs: median(mine.map((r) => r.phases.podsReadyMs ?? Number.NaN)),
    rssAfterMb: {
      median: median(mine.map((r) => r.memoryAfter.rssMb)),
      max: Math.max(...mine.map((r) => r.memoryAfter.rssMb)),
    },
    rssIdleMb: median(mine.map((r) => r.memoryIdle.rssMb)),
    reconciles: median(mine.map((r) => r.reconciles)),
    applies: median(mine.map((r) => r.applies)),
    operatorCpuSeconds: median(mine.map((r) => r.cpuSeconds.operator ?? 0)),
    apiserverCpuSeconds: median(mine.map((r) => r.cpuSeconds['kube-apiserver'] ?? 0)),
  };
}

async function bench(kubeconfig: string, stockKubeConfig: KubeConfig) {
  // The benchmark's own calls share a connection pool too, so its polling costs the API server little.
  const kubeConfig = new PooledKubeConfig();
  kubeConfig.loadFromFile(kubeconfig);
  const clients = {
    core: kubeConfig.makeApiClient(CoreV1Api),
    apps: kubeConfig.makeApiClient(AppsV1Api),
    custom: kubeConfig.makeApiClient(CustomObjectsApi),
  };
  execFileSync(`${binDir()}/kubectl`, [
    '--kubeconfig',
    kubeconfig,
    'apply',
    '--server-side',
    '--force-conflicts',
    '-f',
    `${repoRoot}deploy/operator/crd.yaml`,
  ]);
  await waitForCleanNode(clients, Math.max(meshCount, 3));
  const namespace = `bench-operator-${Date.now()}`;
  await clients.core.createNamespace({
    body: { metadata: { name: namespace, labels: { [benchLabel]: 'operator' } } },
  });
  const variants: Array<{ name: string; root: string; entry: string }> = [];
  for (const [name, root] of [
    ['current', repoRoot.replace(/\/$/, '')],
    ['baseline', baselineRoot?.replace(/\/$/, '')],
  ]) {
    if (name && root) variants.push({ name, root, entry: operatorEntry(name, root) });
  }
  const [current] = variants as [(typeof variants)[number]];
  try {
    const first = await startOperator('current', current.entry, current.root, kubeconfig);
    const latencies = await crChangeLatencies(kubeconfig, stockKubeConfig, clients, namespace).finally(() =>
      first.stop(),
    );
    // Bursts alternate between the operators, so both see the same machine load over the run.
    const results: Array<Awaited<ReturnType<typeof burst>>> = [];
    for (let b = 0; b < bursts; b++) {
      for (const { name, root, entry } of b % 2 === 0 ? variants : [...variants].reverse()) {
        const operator = await startOperator(name, entry, root, kubeconfig);
        try {
          const result = await burst(clients, namespace, operator, `b${b}${name[0]}`);
          results.push(result);
          console.log(`burst ${b} (${name}): ${JSON.stringify(result)}`);
        } finally {
          await operator.stop();
        }
        await clearBurst(clients, namespace, `b${b}${name[0]}`);
      }
    }
    const byOperator = Object.fromEntries(variants.map(({ name }) => [name, summarise(results, name)]));
    console.log(`${meshCount} PeerMeshes → all Ready, by operator:`, JSON.stringify(byOperator, null, 2));
    writeResult('operator', {
      ...latencies,
      meshes: meshCount,
      bursts: results,
      byOperator,
      operatorForm: form,
      podLimits: Object.fromEntries(variants.map(({ name, root }) => [name, deploymentLimits(root)])),
      targets: { crChangeToAllPeersP95Ms: 2000, allReadyMs: 30_000, operatorRssMb: 150 },
    });
  } finally {
    await stopAllProcesses();
    rmSync(bundlesDir, { recursive: true, force: true });
    // Gone before the next run starts (waitForCleanNode), however long the pods take to leave.
    await clients.core.deleteNamespace({ name: namespace }).catch(() => undefined);
    await until(
      `namespace ${namespace} deleted`,
      async () => !(await clients.core.listNamespace({ labelSelector: benchLabel })).items.length,
      240_000,
      1000,
    ).catch((error) => console.warn((error as Error).message));
  }
}

await withControlPlane(bench);
