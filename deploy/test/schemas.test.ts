// Every built-in object of every environment against the OpenAPI schemas Kubernetes 1.34 publishes: a typo'd
// or misplaced field, a wrong type or a missing required field fails here instead of at `kubectl apply`.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { kubernetesModuleVersion, loadDocument, openApiDir } from '../tools/kubernetesSchemas.ts';
import { environments, type Manifest, render } from '../tools/render.ts';
import { schemaOfKind, validate } from './openApiValidator.ts';

const crdGroups = ['gateway.networking.k8s.io/', 'networking.gke.io/', 'monitoring.googleapis.com/'];
let dir: string;
before(async () => {
  dir = await openApiDir();
});

async function problemsOf(manifest: Manifest): Promise<string[]> {
  const document = await loadDocument(dir, manifest.apiVersion);
  const schema = schemaOfKind(document, manifest.apiVersion, manifest.kind);
  assert.ok(
    schema,
    `${manifest.apiVersion} ${manifest.kind} is served by Kubernetes ${kubernetesModuleVersion}`,
  );
  return validate(document, schema, manifest, `${manifest.kind}/${manifest.metadata.name}`);
}

for (const env of environments) {
  test(`${env}: every built-in object matches the Kubernetes ${kubernetesModuleVersion} schema`, async () => {
    const builtIn = (await render(env)).filter(
      (m) => !crdGroups.some((group) => m.apiVersion.startsWith(group)),
    );
    assert.ok(builtIn.length > 30);
    const problems = (await Promise.all(builtIn.map(problemsOf))).flat();
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
