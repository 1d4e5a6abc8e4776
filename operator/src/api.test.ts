// One table of defaults: the CRD's schema must declare exactly the values api.ts applies.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { maxNameLength, specDefaults } from './api.ts';

const crd = parse(readFileSync(new URL('../../deploy/operator/crd.yaml', import.meta.url), 'utf8'));
const schema = crd.spec.versions[0].schema.openAPIV3Schema;
const specProperties = schema.properties.spec.properties;

test('every default in api.ts is the CRD default, and the CRD has no other', () => {
  const crdDefaults = Object.fromEntries(
    Object.entries(specProperties as Record<string, { default?: unknown }>)
      .filter(([, property]) => property.default !== undefined)
      .map(([name, property]) => [name, property.default]),
  );
  assert.deepEqual(crdDefaults, specDefaults);
});

test('the default resources keep the peers Guaranteed (cpu and memory, requests = limits)', () => {
  const { requests, limits } = specDefaults.resources;
  for (const resource of ['cpu', 'memory']) {
    assert.ok(requests?.[resource], `requests.${resource}`);
    assert.equal(requests?.[resource], limits?.[resource], resource);
  }
});

test('the name length rule in the CRD is the one api.ts documents', () => {
  const rules = (schema['x-kubernetes-validations'] as Array<{ rule: string }>).map((r) => r.rule);
  assert.ok(rules.includes(`size(self.metadata.name) <= ${maxNameLength}`), rules.join('\n'));
});
