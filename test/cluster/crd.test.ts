import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  ApiextensionsV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { createTestNamespace, useControlPlane } from './controlPlane.ts';

const plane = await useControlPlane();

// A unique group per run: CRDs are cluster-wide, and a reused cluster may still hold an earlier run's.
const group = `t${randomBytes(3).toString('hex')}.test.podmesh.dev`;

const widgets: V1CustomResourceDefinition = {
  metadata: { name: `widgets.${group}` },
  spec: {
    group,
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wg'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['size'],
                properties: { size: { type: 'integer', minimum: 1, maximum: 10 }, color: { type: 'string' } },
                x_kubernetes_validations: [
                  { rule: "self.size < 5 || self.color != 'red'", message: 'big widgets cannot be red' },
                ],
              },
              status: { type: 'object', properties: { ready: { type: 'boolean' } } },
            },
          },
        },
      },
    ],
  },
};

test('a CRD is installed, served, validated (OpenAPI and CEL) and used', async (t) => {
  const extensions = plane.kubeConfig.makeApiClient(ApiextensionsV1Api);
  await extensions.createCustomResourceDefinition({ body: widgets });
  t.after(() =>
    extensions.deleteCustomResourceDefinition({ name: `widgets.${group}` }).then(() => undefined),
  );
  await waitFor(
    'the CRD to be Established',
    async () => {
      const crd = await extensions.readCustomResourceDefinition({ name: `widgets.${group}` });
      return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
    },
    isTrue,
  );

  const namespace = await createTestNamespace(t, plane);
  const objects = plane.kubeConfig.makeApiClient(CustomObjectsApi);
  const target = { group, version: 'v1', namespace, plural: 'widgets' };
  const widget = (name: string, spec: object) => ({
    apiVersion: `${group}/v1`,
    kind: 'Widget',
    metadata: { name },
    spec,
  });

  // The discovery cache of a fresh CRD can lag a moment behind Established.
  await waitFor(
    'the first widget to be accepted',
    () =>
      objects
        .createNamespacedCustomObject({ ...target, body: widget('small', { size: 2, color: 'red' }) })
        .then(() => true),
    isTrue,
  );
  const listed = (await objects.listNamespacedCustomObject(target)) as {
    items: { metadata: { name: string } }[];
  };
  assert.deepEqual(
    listed.items.map((item) => item.metadata.name),
    ['small'],
  );

  await objects.patchNamespacedCustomObjectStatus(
    { ...target, name: 'small', body: { status: { ready: true } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  const read = (await objects.getNamespacedCustomObject({ ...target, name: 'small' })) as {
    status?: { ready?: boolean };
  };
  assert.equal(read.status?.ready, true);

  await assert.rejects(
    objects.createNamespacedCustomObject({ ...target, body: widget('huge', { size: 11 }) }),
    (error: { code?: number; body?: string }) =>
      error.code === 422 && /less than or equal to 10/.test(String(error.body)),
  );
  await assert.rejects(
    objects.createNamespacedCustomObject({ ...target, body: widget('red', { size: 7, color: 'red' }) }),
    (error: { code?: number; body?: string }) =>
      error.code === 422 && /big widgets cannot be red/.test(String(error.body)),
  );

  const byShortName = await plane.kubectl(['get', 'wg', '-n', namespace, '-o', 'name']);
  assert.equal(byShortName.code, 0, byShortName.stderr);
  assert.equal(byShortName.stdout.trim(), `widget.${group}/small`);
});
