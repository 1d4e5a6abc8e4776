// Reading `terraform show -json` of a plan: the resources it would create, wherever they sit in the module tree.

export interface PlannedResource {
  address: string;
  type: string;
  values: Record<string, unknown>;
}

interface PlannedModule {
  resources?: PlannedResource[];
  child_modules?: PlannedModule[];
}

export interface PlanJson {
  format_version: string;
  planned_values: { root_module: PlannedModule };
  resource_changes: Array<{ address: string; type: string; change: { actions: string[] } }>;
}

export function plannedResources(plan: PlanJson): PlannedResource[] {
  const walk = (module: PlannedModule): PlannedResource[] => [
    ...(module.resources ?? []),
    ...(module.child_modules ?? []).flatMap(walk),
  ];
  return walk(plan.planned_values.root_module);
}

export function resourcesOfType(plan: PlanJson, type: string): PlannedResource[] {
  return plannedResources(plan).filter((resource) => resource.type === type);
}

/** The single resource of a type; a plan with none or several is a failure of the configuration under test. */
export function onlyResource(plan: PlanJson, type: string): PlannedResource {
  const found = resourcesOfType(plan, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, the plan has ${found.length}`);
  return found[0] as PlannedResource;
}

export function resourceTypes(plan: PlanJson): string[] {
  return [...new Set(plannedResources(plan).map((resource) => resource.type))].sort();
}

/** First element of a nested block (Terraform encodes blocks as lists). */
export function block(values: Record<string, unknown>, name: string): Record<string, unknown> {
  const list = values[name];
  if (!Array.isArray(list) || list.length === 0) throw new Error(`block ${name} is not set`);
  return list[0] as Record<string, unknown>;
}
