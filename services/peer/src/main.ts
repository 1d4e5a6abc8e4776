// peer: the PeerMesh data plane. Answers GET /ping with `pong\n`, pings its peers every interval and reloads
// its peer list from the mounted ConfigMap (and optionally the API) without restarting.
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { createService, num, str } from '@podmesh/runtime';
import { watchConfigFile } from './configFileWatcher.ts';
import { startConfigMapSource } from './configMapSource.ts';
import { formatOf } from './peerConfig.ts';
import { createPeerConfigStore } from './peerConfigStore.ts';
import { createPeerMetrics } from './peerMetrics.ts';
import { createPingLoop } from './pingLoop.ts';
import { peerIdHeader, pingPeer, pongBody } from './pingPeer.ts';

const service = createService({
  name: 'peer',
  env: {
    POD_NAME: str({ default: hostname(), desc: 'this peer’s identity, answered in x-peer-id' }),
    PEER_CONFIG_FILE: str({ default: '/etc/peer/peers.yaml', desc: 'the mounted config (JSON if .json)' }),
    PEER_CONFIG_POLL_MS: num({ default: 10_000, desc: 're-read the file this often even without events' }),
    PEER_CONFIGMAP: str({ default: '', desc: 'also watch this ConfigMap through the Kubernetes API' }),
    PEER_NAMESPACE: str({ default: '', desc: 'its namespace (default: the service account’s)' }),
  },
});
const { config, log } = service;
if (!(config.PEER_CONFIG_POLL_MS >= 100)) {
  process.stderr.write(
    `config error: PEER_CONFIG_POLL_MS=${config.PEER_CONFIG_POLL_MS} must be at least 100\n`,
  );
  process.exit(1);
}

// Every member pings every other one each round: N² request lines would drown the pong lines that matter.
service.http.get('/ping', { config: { requestLogLevel: 'debug' } }, async (_request, reply) =>
  reply.header(peerIdHeader, config.POD_NAME).type('text/plain; charset=utf-8').send(pongBody),
);

const metrics = createPeerMetrics(service.metrics);
const loop = createPingLoop({ log, metrics, ping: pingPeer });
const key = basename(config.PEER_CONFIG_FILE);
const store = createPeerConfigStore({
  log,
  metrics,
  format: formatOf(key),
  self: {
    podName: config.POD_NAME,
    port: config.PORT,
    hosts: ['localhost', '127.0.0.1', '[::1]', config.HOST].filter(
      (host) => !['0.0.0.0', '::'].includes(host),
    ),
  },
  apply: (peerConfig) => loop.update(peerConfig),
});

// Listen first: the first round starts as soon as a config is read, and the siblings may ping us already.
await service.start();

const file = watchConfigFile({
  path: config.PEER_CONFIG_FILE,
  log,
  pollMs: config.PEER_CONFIG_POLL_MS,
  onText: (text) => store.offer('file', text),
});
service.onClose(() => {
  loop.stop();
  file.close();
});

if (config.PEER_CONFIGMAP) {
  const close = await startConfigMapSource({
    name: config.PEER_CONFIGMAP,
    namespace: config.PEER_NAMESPACE,
    key,
    log,
    store,
  });
  if (close) service.onClose(close);
}
