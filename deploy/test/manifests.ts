// Helpers to look into rendered manifests the way the API server would: workloads, their pods, selectors.
import type { Manifest } from '../tools/render.ts';

export type Labels = Record<string, string>;

export const workloadKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export function workloads(manifests: Manifest[]): Manifest[] {
  return manifests.filter((m) => workloadKinds.has(m.kind));
}

export function find(manifests: Manifest[], kind: string, name: string): Manifest | undefined {
  return manifests.find((m) => m.kind === kind && m.metadata.name === name);
}

export function mustFind(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = find(manifests, kind, name);
  if (found === undefined) throw new Error(`no ${kind} ${name} rendered`);
  return found;
}

export function podLabels(workload: Manifest): Labels {
  return workload.spec.template.metadata.labels as Labels;
}

/** matchLabels semantics: every listed label must be equal. */
export function selects(matchLabels: Labels | undefined, labels: Labels): boolean {
  return Object.entries(matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }>;
}

/** A full LabelSelector: matchLabels and every matchExpression must hold; `{}` selects everything. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  const expressionsHold = (selector?.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const value = labels[key];
    if (operator === 'Exists') return value !== undefined;
    if (operator === 'DoesNotExist') return value === undefined;
    if (operator === 'In') return value !== undefined && values.includes(value);
    return value === undefined || !values.includes(value);
  });
  return expressionsHold && selects(selector?.matchLabels, labels);
}

export interface Container {
  name: string;
  image: string;
  env?: Array<{ name: string; value?: string }>;
  ports?: Array<{ name: string; containerPort: number }>;
  [field: string]: any;
}

export function containers(workload: Manifest): Container[] {
  return workload.spec.template.spec.containers as Container[];
}

export function envOf(container: Container, name: string): string | undefined {
  return container.env?.find((variable) => variable.name === name)?.value;
}

/** The replica count a workload runs with: its own, or its HPA's floor when one manages it. */
export function replicaFloor(manifests: Manifest[], workload: Manifest): number {
  const hpa = manifests.find(
    (m) => m.kind === 'HorizontalPodAutoscaler' && m.spec.scaleTargetRef.name === workload.metadata.name,
  );
  return (hpa?.spec.minReplicas ?? workload.spec.replicas ?? 1) as number;
}
