// The operator's own metrics (names fixed in docs/contracts.md), on the runtime's registry.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export function createOperatorMetrics(registry: Registry) {
  return {
    reconciles: new Counter({
      name: 'podmesh_reconcile_total',
      help: 'Reconciles of PeerMesh resources, by result (success, error).',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    childApplies: new Counter({
      name: 'podmesh_reconcile_applies_total',
      help: 'Reconciles that applied the children; the others found nothing that could have drifted and only recomputed the status.',
      registers: [registry],
    }),
    reconcileDuration: new Histogram({
      name: 'podmesh_reconcile_duration_seconds',
      help: 'Time to reconcile one PeerMesh.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    queueLatency: new Histogram({
      name: 'podmesh_workqueue_queue_duration_seconds',
      help: 'How long a PeerMesh key waited in the work queue before a worker took it.',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
      registers: [registry],
    }),
    retries: new Counter({
      name: 'podmesh_workqueue_retries_total',
      help: 'PeerMesh keys requeued with backoff after a failed reconcile.',
      registers: [registry],
    }),
    leader: new Gauge({
      name: 'podmesh_leader',
      help: '1 while this replica holds the Lease and reconciles, else 0.',
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'podmesh_workqueue_depth',
      help: 'PeerMesh keys waiting to be reconciled.',
      registers: [registry],
    }),
  };
}

export type OperatorMetrics = ReturnType<typeof createOperatorMetrics>;
