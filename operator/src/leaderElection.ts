// Leader election on a coordination.k8s.io Lease, as client-go does it: the holder renews every few seconds;
// a candidate takes over once the lease has not been renewed for its duration. Optimistic concurrency
// (resourceVersion) makes two candidates racing for one lease safe.
import { CoordinationV1Api, type KubeConfig, type V1Lease, V1MicroTime } from '@kubernetes/client-node';
import type { Logger } from '@podmesh/runtime';

export interface LeaderElectionOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  name: string;
  identity: string;
  log: Logger;
  leaseDurationSeconds?: number;
  retryPeriodMs?: number;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
}

export function startLeaderElection(options: LeaderElectionOptions) {
  const { kubeConfig, namespace, name, identity, log, onStartedLeading, onStoppedLeading } = options;
  const leaseDurationSeconds = options.leaseDurationSeconds ?? 15;
  const retryPeriodMs = options.retryPeriodMs ?? 2000;
  const api = kubeConfig.makeApiClient(CoordinationV1Api);
  let leading = false;
  let lastRenew = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const now = () => new V1MicroTime(Date.now());

  function expired(lease: V1Lease): boolean {
    const renewed = lease.spec?.renewTime ? new Date(lease.spec.renewTime).getTime() : 0;
    const duration = (lease.spec?.leaseDurationSeconds ?? leaseDurationSeconds) * 1000;
    return !lease.spec?.holderIdentity || Date.now() > renewed + duration;
  }

  async function tryAcquireOrRenew(): Promise<boolean> {
    let lease: V1Lease;
    try {
      lease = await api.readNamespacedLease({ name, namespace });
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
      await api.createNamespacedLease({
        namespace,
        body: {
          metadata: { name, namespace },
          spec: {
            holderIdentity: identity,
            leaseDurationSeconds,
            acquireTime: now(),
            renewTime: now(),
            leaseTransitions: 0,
          },
        },
      });
      return true;
    }
    const mine = lease.spec?.holderIdentity === identity;
    if (!mine && !expired(lease)) return false;
    const spec = lease.spec ?? {};
    lease.spec = {
      ...spec,
      holderIdentity: identity,
      leaseDurationSeconds,
      renewTime: now(),
      ...(mine ? {} : { acquireTime: now(), leaseTransitions: (spec.leaseTransitions ?? 0) + 1 }),
    };
    await api.replaceNamespacedLease({ name, namespace, body: lease });
    return true;
  }

  async function loop(): Promise<void> {
    if (stopped) return;
    try {
      const held = await tryAcquireOrRenew();
      if (held) lastRenew = Date.now();
      if (held && !leading) {
        leading = true;
        log.info({ lease: `${namespace}/${name}`, identity }, 'became the leader');
        onStartedLeading();
      }
    } catch (error) {
      log.warn({ error: (error as Error).message }, 'lease update failed');
    }
    // A leader that could not renew for most of the lease duration must assume another took over.
    if (leading && Date.now() - lastRenew > (leaseDurationSeconds * 1000 * 2) / 3) {
      leading = false;
      log.warn({ identity }, 'lost the lease; stopping work');
      onStoppedLeading();
    }
    timer = setTimeout(() => void loop(), retryPeriodMs);
  }
  void loop();

  return {
    get leading() {
      return leading;
    },
    /** On graceful shutdown: give the lease up so another replica takes over at once. */
    async release(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      if (!leading) return;
      try {
        const lease = await api.readNamespacedLease({ name, namespace });
        if (lease.spec?.holderIdentity !== identity) return;
        lease.spec = { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: now() };
        await api.replaceNamespacedLease({ name, namespace, body: lease });
        log.info({ identity }, 'released the lease');
      } catch (error) {
        log.warn({ error: (error as Error).message }, 'could not release the lease');
      }
    },
  };
}
