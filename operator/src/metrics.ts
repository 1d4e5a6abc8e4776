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
    queueDepth: new Gauge({
      name: 'podmesh_workqueue_depth',
      help: 'PeerMesh keys waiting to be reconciled.',
      registers: [registry],
    }),
  };
}

export type OperatorMetrics = ReturnType<typeof createOperatorMetrics>;
