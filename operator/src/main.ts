// The PeerMesh operator: one process with /metrics, /healthz and /readyz; reconciles only while it holds the lease.
import { hostname } from 'node:os';
import { PooledKubeConfig } from '@podmesh/kube';
import { bool, createService, str } from '@podmesh/runtime';
import { startController } from './controller.ts';
import { startLeaderElection } from './leaderElection.ts';
import { createOperatorMetrics } from './metrics.ts';

const service = createService({
  name: 'podmesh-operator',
  env: {
    PEER_IMAGE: str({ default: 'podmesh/peer:dev', desc: 'peer image when a PeerMesh names none' }),
    LEADER_ELECTION: bool({ default: true, desc: 'elect a leader on a Lease (for 2+ replicas)' }),
    LEASE_NAMESPACE: str({ default: '', desc: 'namespace of the Lease (default: the pod’s own)' }),
    LEASE_NAME: str({ default: 'podmesh-operator', desc: 'name of the Lease' }),
    POD_NAME: str({ default: hostname(), desc: 'identity in the Lease' }),
  },
});
const { config, log } = service;
const kubeConfig = new PooledKubeConfig();
kubeConfig.loadFromDefault();
const metrics = createOperatorMetrics(service.metrics.registry);

let controller: ReturnType<typeof startController> | undefined;
const startWork = () => {
  controller ??= startController({ kubeConfig, log, metrics, defaultImage: config.PEER_IMAGE });
};
const stopWork = async () => {
  const running = controller;
  controller = undefined;
  await running?.stop();
};

const namespace =
  config.LEASE_NAMESPACE ||
  kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace ||
  'default';
const election = config.LEADER_ELECTION
  ? startLeaderElection({
      kubeConfig,
      namespace,
      name: config.LEASE_NAME,
      identity: `${config.POD_NAME}_${process.pid}`,
      log,
      onStartedLeading: startWork,
      onStoppedLeading: () => void stopWork(),
    })
  : undefined;
if (!election) startWork();

service.onClose(async () => {
  await stopWork();
  await election?.release();
});
await service.start();
