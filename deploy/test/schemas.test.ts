// Every object of every environment against the OpenAPI schemas Kubernetes 1.34 publishes (and the Gateway API
// CRDs' for Gateway and HTTPRoute): a typo'd or misplaced field, a wrong type or a missing required field fails here instead of at `kubectl apply`.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { gatewayApiDocument, gatewayApiVersion } from '../tools/gatewayApiSchemas.ts';
import {
  kubernetesModuleVersion,
  loadDocument,
  type OpenApiDocument,
  openApiDir,
} from '../tools/kubernetesSchemas.ts';
import { environments, type Manifest, render } from '../tools/render.ts';
import { schemaOfKind, validate } from './openApiValidator.ts';

// GKE's own kinds (networking.gke.io, monitoring.googleapis.com) publish no CRD in a module: not checked here.
const gkeGroups = ['networking.gke.io/', 'monitoring.googleapis.com/'];
let dir: string;
let gatewayApi: OpenApiDocument;
before(async () => {
  dir = await openApiDir();
  gatewayApi = await gatewayApiDocument();
});

async function problemsOf(manifest: Manifest): Promise<string[]> {
  const document = manifest.apiVersion.startsWith('gateway.networking.k8s.io/')
    ? gatewayApi
    : await loadDocument(dir, manifest.apiVersion);
  const schema = schemaOfKind(document, manifest.apiVersion, manifest.kind);
  assert.ok(schema, `${manifest.apiVersion} ${manifest.kind} is a served kind`);
  return validate(document, schema, manifest, `${manifest.kind}/${manifest.metadata.name}`);
}

for (const env of environments) {
  test(`${env}: every object matches Kubernetes ${kubernetesModuleVersion} or Gateway API ${gatewayApiVersion}`, async () => {
    const checked = (await render(env)).filter(
      (m) => !gkeGroups.some((group) => m.apiVersion.startsWith(group)),
    );
    assert.ok(checked.length > 30);
    if (env !== 'dev')
      assert.ok(
        checked.some((m) => m.kind === 'HTTPRoute'),
        'routes are checked',
      );
    const problems = (await Promise.all(checked.map(problemsOf))).flat();
    assert.deepEqual(problems, []);
  });
}

test('the validator reports unknown fields, wrong types, missing required fields, in nested lists too', async () => {
  const [deployment] = (await render('dev')).filter((m) => m.kind === 'Deployment');
  assert.ok(deployment);
  const broken = structuredClone(deployment);
  broken.spec.template.spec.containers[0].readinessprobe = {}; // wrong case
  broken.spec.replicas = '2';
  delete broken.spec.selector;
  broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
  const problems = await problemsOf(broken);
  const name = `Deployment/${deployment.metadata.name}`;
  assert.ok(problems.includes(`${name}.spec.template.spec.containers[0].readinessprobe: unknown field`));
  assert.ok(problems.includes(`${name}.spec.replicas: expected integer, got string`));
  assert.ok(problems.includes(`${name}.spec.selector: required`));
  assert.ok(
    problems.includes(
      `${name}.spec.template.spec.containers[0].ports[0].containerPort: expected integer, got string`,
    ),
  );
  assert.equal(problems.length, 4, problems.join('\n'));
});

test('Gateway API objects are held to their CRD schema, enums included', async () => {
  const route = (await render('stage')).find((m) => m.kind === 'HTTPRoute');
  assert.ok(route);
  route.spec.rules[0].matches[0].path.type = 'Prefix'; // Ingress's spelling; the Gateway API says PathPrefix
  route.spec.rules[0].backendRefs[0].service = 'users';
  const problems = await problemsOf(route);
  assert.deepEqual(problems, [
    `HTTPRoute/${route.metadata.name}.spec.rules[0].matches[0].path.type: "Prefix" is not one of Exact, PathPrefix, RegularExpression`,
    `HTTPRoute/${route.metadata.name}.spec.rules[0].backendRefs[0].service: unknown field`,
  ]);
});
