// The PeerMesh operator: one process with /metrics, /healthz and /readyz. Every replica keeps its caches warm;
// only the Lease holder reconciles. Ready once the caches are synced.
import { hostname } from 'node:os';
import { PooledKubeConfig } from '@podmesh/kube';
import { bool, createService, str } from '@podmesh/runtime';
import { startController } from './controller.ts';
import { createMeshEvents } from './events.ts';
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
const identity = `${config.POD_NAME}_${process.pid}`;

const controller = startController({
  kubeConfig,
  log,
  metrics,
  events: createMeshEvents(kubeConfig, identity, log),
  defaultImage: config.PEER_IMAGE,
});
const lead = async () => {
  metrics.leader.set(1);
  await controller.lead();
};
const standBy = async () => {
  await controller.standBy();
  metrics.leader.set(0);
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
      identity,
      log,
      onStartedLeading: () => void lead(),
      onStoppedLeading: standBy,
    })
  : undefined;
if (!election) void lead();

service.onClose(async () => {
  await standBy();
  await election?.release();
  await controller.stop();
});
await service.start();
// Not ready until the caches hold a complete list: a replica that cannot see the cluster is not one to fail over to.
service.health.set('starting');
await controller.whenSynced;
service.health.set('ready');
