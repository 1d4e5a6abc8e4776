// A long-lived check of API-watch mode (minutes, so not part of `npm test`): one peer process watches a
// ConfigMap on the cluster in $KUBECONFIG; every PERIOD seconds the ConfigMap is edited to name a new loopback
// pong server and the time until that server is pinged is recorded. Quiet spells longer than client-node's
// 30 s watch inactivity timeout (and the API server's own watch timeouts) must not lose an edit.
//   npm run cluster:up && KUBECONFIG=.cluster/kubeconfig node services/peer/test/apiWatchSoak.ts [minutes] [period s]
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startService, stopAll } from '@podmesh/testkit/processes';
import { isPresent, isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { createConfigMapVolume } from './configMapVolume.ts';
import { type PongServer, startPongServer } from './pongServers.ts';

const minutes = Number(process.argv[2] ?? 6);
const periodSeconds = Number(process.argv[3] ?? 75);
const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const core = kubeConfig.makeApiClient(CoreV1Api);
const namespace = `peer-soak-${process.pid}`;
const document = (server: PongServer) => `interval: 1m\npeers: [${server.address}]\n`;

await core.createNamespace({ body: { metadata: { name: namespace } } });
const first = await startPongServer('soak-0');
await core.createNamespacedConfigMap({
  namespace,
  body: { metadata: { name: 'soak-peers' }, data: { 'peers.yaml': document(first) } },
});
const volume = await createConfigMapVolume('peers.yaml', 'peers: []\n');
const peer = await startService('peer', {
  env: {
    PEER_CONFIG_FILE: volume.path,
    PEER_CONFIGMAP: 'soak-peers',
    PEER_NAMESPACE: namespace,
    LOG_LEVEL: 'warn',
  },
});
const servers = [first];
const latencies: number[] = [];
try {
  await waitFor('the first ConfigMap config', () => first.arrivals.length > 0, isTrue, {
    timeoutMs: 20_000,
    intervalMs: 10,
  });
  const end = Date.now() + minutes * 60_000;
  for (let edit = 1; Date.now() + periodSeconds * 1000 <= end; edit++) {
    await new Promise((resolve) => setTimeout(resolve, periodSeconds * 1000));
    const server = await startPongServer(`soak-${edit}`);
    servers.push(server);
    const editedAt = performance.timeOrigin + performance.now();
    await core.patchNamespacedConfigMap({
      namespace,
      name: 'soak-peers',
      body: [{ op: 'replace', path: '/data/peers.yaml', value: document(server) }],
    });
    const pingedAt = await waitFor(`edit ${edit} in use`, () => server.arrivals[0], isPresent, {
      timeoutMs: 10_000,
      intervalMs: 10,
    });
    latencies.push(pingedAt - editedAt);
    console.log(
      `edit ${edit} after ${periodSeconds} s quiet: in use after ${(pingedAt - editedAt).toFixed(1)} ms`,
    );
  }
  const watchFailures = peer.logs.filter((line) => line.message === 'watch failed; restarting');
  console.log(
    `${latencies.length} edits over ${minutes} min: max ${Math.max(...latencies).toFixed(1)} ms; ` +
      `watch failures logged: ${watchFailures.length}; peer still running: ${peer.child.exitCode === null}`,
  );
} finally {
  await stopAll([peer]);
  await volume.remove();
  await Promise.all(servers.map((server) => server.close()));
  await core.deleteNamespace({ name: namespace });
}
