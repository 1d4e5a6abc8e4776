// Structural validation of an object against a Kubernetes OpenAPI v3 schema: unknown fields, wrong types,
// missing required fields and (in CRD schemas, which have them) values outside an enum, reported by path. (What a server-side apply
// would refuse on structure; admission and cross-field rules need a real API server.)
import type { OpenApiDocument, Schema } from '../tools/kubernetesSchemas.ts';

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  // Kubernetes wraps references as allOf: [{ $ref }] to attach a description or default.
  while (current.$ref !== undefined || (current.allOf?.length === 1 && current.properties === undefined)) {
    const ref = current.$ref ?? current.allOf?.[0]?.$ref;
    if (ref === undefined) break;
    const name = ref.replace('#/components/schemas/', '');
    const target = document.components.schemas[name];
    if (target === undefined) throw new Error(`unresolved schema reference ${ref}`);
    current = target;
  }
  return current;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(expected: string, value: unknown): boolean {
  const actual = typeOf(value);
  return actual === expected || (expected === 'number' && actual === 'integer');
}

export function validate(document: OpenApiDocument, schema: Schema, value: unknown, path: string): string[] {
  const resolved = resolve(document, schema);
  if (resolved['x-kubernetes-preserve-unknown-fields'] === true && resolved.properties === undefined)
    return [];
  if (resolved['x-kubernetes-int-or-string'] === true) {
    return ['integer', 'string'].includes(typeOf(value)) ? [] : [`${path}: expected an integer or a string`];
  }
  const alternatives = resolved.oneOf ?? resolved.anyOf;
  if (alternatives !== undefined && resolved.type === undefined && resolved.properties === undefined) {
    const fits = alternatives.some((branch) => validate(document, branch, value, path).length === 0);
    return fits ? [] : [`${path}: ${JSON.stringify(value)} fits none of the allowed forms`];
  }
  if (resolved.enum !== undefined && !resolved.enum.includes(value)) {
    return [`${path}: ${JSON.stringify(value)} is not one of ${resolved.enum.join(', ')}`];
  }
  const type = resolved.type ?? (resolved.properties || resolved.additionalProperties ? 'object' : undefined);
  if (type === undefined) return [];
  if (!matchesType(type, value)) return [`${path}: expected ${type}, got ${typeOf(value)}`];
  if (type === 'array') {
    const items = resolved.items;
    if (items === undefined) return [];
    return (value as unknown[]).flatMap((item, index) =>
      validate(document, items, item, `${path}[${index}]`),
    );
  }
  if (type !== 'object') return [];
  const object = value as Record<string, unknown>;
  const problems = (resolved.required ?? [])
    .filter((field) => !(field in object))
    .map((field) => `${path}.${field}: required`);
  for (const [key, child] of Object.entries(object)) {
    const property = resolved.properties?.[key];
    if (property !== undefined) problems.push(...validate(document, property, child, `${path}.${key}`));
    else if (typeof resolved.additionalProperties === 'object') {
      problems.push(...validate(document, resolved.additionalProperties, child, `${path}.${key}`));
    } else if (resolved.additionalProperties !== true && resolved.properties !== undefined) {
      problems.push(`${path}.${key}: unknown field`);
    }
  }
  return problems;
}

/** The schema of a kind, found by its x-kubernetes-group-version-kind marker. */
export function schemaOfKind(
  document: OpenApiDocument,
  apiVersion: string,
  kind: string,
): Schema | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return Object.values(document.components.schemas).find((schema) =>
    schema['x-kubernetes-group-version-kind']?.some(
      (gvk) => gvk.group === group && gvk.version === version && gvk.kind === kind,
    ),
  );
}
