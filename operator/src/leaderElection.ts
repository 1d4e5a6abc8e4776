// Leader election on a coordination.k8s.io Lease, the way client-go's leaderelection package does it:
// - a candidate takes over only once the record has not changed for leaseDuration, timed by its own monotonic
//   clock from the moment it saw the record change (never the holder's renewTime against the local clock, so
//   skewed clocks cannot make two leaders);
// - every API call has a timeout below the renew deadline, and the leader steps down as soon as it has not
//   renewed for renewDeadline (< leaseDuration) or sees another holder: a hung call cannot keep it leading;
// - stepping down stops the work first (onStoppedLeading is awaited before another attempt);
// - on shutdown the lease is released, so another replica takes over at once.
// Optimistic concurrency (resourceVersion) makes two candidates racing for one lease safe.
import {
  CoordinationV1Api,
  type KubeConfig,
  type V1Lease,
  type V1LeaseSpec,
  V1MicroTime,
} from '@kubernetes/client-node';
import type { Logger } from '@podmesh/runtime';
import { timeoutOptions } from './timeout.ts';

export interface LeaderElectionOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  name: string;
  identity: string;
  log: Logger;
  /** How long a record that stopped changing stays valid for the others (client-go: LeaseDuration). */
  leaseDurationMs?: number;
  /** The leader steps down if it could not renew for this long (client-go: RenewDeadline). */
  renewDeadlineMs?: number;
  /** Between attempts (client-go: RetryPeriod). */
  retryPeriodMs?: number;
  /** Timeout of each Lease request; below the renew deadline. */
  callTimeoutMs?: number;
  /** Wall clock written into acquireTime/renewTime (informational only; tests skew it). */
  wallClock?: () => number;
  onStartedLeading: () => void | Promise<void>;
  onStoppedLeading: () => void | Promise<void>;
}

export function startLeaderElection(options: LeaderElectionOptions) {
  const { kubeConfig, namespace, name, identity, log, onStartedLeading, onStoppedLeading } = options;
  const leaseDurationMs = options.leaseDurationMs ?? 15_000;
  const renewDeadlineMs = options.renewDeadlineMs ?? 10_000;
  const retryPeriodMs = options.retryPeriodMs ?? 2000;
  const callTimeoutMs = options.callTimeoutMs ?? Math.min(5000, renewDeadlineMs / 2);
  const wallClock = options.wallClock ?? Date.now;
  if (
    !(renewDeadlineMs < leaseDurationMs && callTimeoutMs < renewDeadlineMs && retryPeriodMs < renewDeadlineMs)
  )
    throw new Error('leader election needs retryPeriod, callTimeout < renewDeadline < leaseDuration');
  const api = kubeConfig.makeApiClient(CoordinationV1Api);
  const call = () => timeoutOptions(callTimeoutMs);
  const monotonic = () => performance.now();

  let leading = false;
  let lastRenewAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  /** The record as last seen, and when (local monotonic time) it last changed: the basis of expiry. */
  let observedRecord = '';
  let observedAt = 0;

  const microTime = () => new V1MicroTime(wallClock());
  const recordOf = (spec: V1LeaseSpec | undefined) =>
    JSON.stringify([spec?.holderIdentity, spec?.renewTime, spec?.acquireTime, spec?.leaseTransitions]);
  const observe = (spec: V1LeaseSpec | undefined) => {
    const record = recordOf(spec);
    if (record !== observedRecord) {
      observedRecord = record;
      observedAt = monotonic();
    }
  };

  async function tryAcquireOrRenew(): Promise<boolean> {
    let lease: V1Lease;
    try {
      lease = await api.readNamespacedLease({ name, namespace }, call());
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
      const spec = {
        holderIdentity: identity,
        leaseDurationSeconds: Math.ceil(leaseDurationMs / 1000),
        acquireTime: microTime(),
        renewTime: microTime(),
        leaseTransitions: 0,
      };
      await api.createNamespacedLease({ namespace, body: { metadata: { name, namespace }, spec } }, call());
      observe(spec);
      return true;
    }
    observe(lease.spec);
    const holder = lease.spec?.holderIdentity;
    const mine = holder === identity;
    if (holder && !mine && monotonic() < observedAt + leaseDurationMs) return false;
    const spec = lease.spec ?? {};
    lease.spec = {
      ...spec,
      holderIdentity: identity,
      leaseDurationSeconds: Math.ceil(leaseDurationMs / 1000),
      renewTime: microTime(),
      ...(mine ? {} : { acquireTime: microTime(), leaseTransitions: (spec.leaseTransitions ?? 0) + 1 }),
    };
    const written = await api.replaceNamespacedLease({ name, namespace, body: lease }, call());
    observe(written.spec);
    return true;
  }

  let stepping: Promise<void> | undefined;
  function stepDown(why: string): Promise<void> {
    if (!leading) return stepping ?? Promise.resolve();
    leading = false;
    log.warn({ identity, why }, 'lost the lease; stopping work');
    stepping = Promise.resolve(onStoppedLeading()).catch((error) =>
      log.error({ error: (error as Error).message }, 'stopping work failed'),
    );
    return stepping;
  }

  // Independent of the attempts, so a request that hangs cannot hold the leader in place.
  const watchdog = setInterval(
    () => {
      if (leading && monotonic() - lastRenewAt > renewDeadlineMs)
        void stepDown(`not renewed for ${Math.round(monotonic() - lastRenewAt)} ms`);
    },
    Math.min(250, retryPeriodMs),
  );

  async function attempt(): Promise<void> {
    if (stopped) return;
    await stepping;
    try {
      const held = await tryAcquireOrRenew();
      if (stopped) return;
      if (held) {
        lastRenewAt = monotonic();
        if (!leading) {
          leading = true;
          log.info({ lease: `${namespace}/${name}`, identity }, 'became the leader');
          await onStartedLeading();
        }
      } else if (leading) await stepDown('another replica holds the lease');
    } catch (error) {
      log.warn({ error: (error as Error).message }, 'lease update failed');
    }
    if (leading && monotonic() - lastRenewAt > renewDeadlineMs) await stepDown('renew deadline passed');
    // client-go's jitter: candidates that started together do not keep colliding.
    if (!stopped)
      timer = setTimeout(
        () => void attempt(),
        leading ? retryPeriodMs : retryPeriodMs * (1 + Math.random() * 0.2),
      );
  }
  void attempt();

  return {
    get leading() {
      return leading;
    },
    /** On graceful shutdown, after the work stopped: give the lease up so another replica takes over at once. */
    async release(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      clearInterval(watchdog);
      if (!leading) return;
      leading = false;
      try {
        const lease = await api.readNamespacedLease({ name, namespace }, call());
        if (lease.spec?.holderIdentity !== identity) return;
        lease.spec = { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime() };
        await api.replaceNamespacedLease({ name, namespace, body: lease }, call());
        log.info({ identity }, 'released the lease');
      } catch (error) {
        log.warn({ error: (error as Error).message }, 'could not release the lease');
      }
    },
  };
}
