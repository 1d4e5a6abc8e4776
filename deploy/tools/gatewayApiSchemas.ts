// The Gateway API CRDs (standard channel) from the sigs.k8s.io/gateway-api Go module, as one OpenAPI document
// keyed like Kubernetes' own, so Gateway and HTTPRoute objects are validated the same way as built-in kinds.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import type { OpenApiDocument, Schema } from './kubernetesSchemas.ts';

const exec = promisify(execFile);

/** A release GKE's Gateway controller serves (`gateway.networking.k8s.io/v1` Gateway and HTTPRoute). */
export const gatewayApiVersion = 'v1.3.0';

interface CustomResourceDefinition {
  spec: {
    group: string;
    names: { kind: string };
    versions: Array<{ name: string; schema: { openAPIV3Schema: Schema } }>;
  };
}

/** The module's directory in the Go module cache, downloaded once (its CRDs are under config/crd/). */
export async function gatewayApiDir(): Promise<string> {
  const { stdout } = await exec(
    'go',
    ['mod', 'download', '-json', `sigs.k8s.io/gateway-api@${gatewayApiVersion}`],
    {
      env: { ...process.env, GOWORK: 'off' },
      cwd: process.env.HOME ?? '/',
    },
  );
  return (JSON.parse(stdout) as { Dir: string }).Dir;
}

export async function gatewayApiDocument(): Promise<OpenApiDocument> {
  const Dir = await gatewayApiDir();
  const schemas: Record<string, Schema> = {};
  for (const file of [
    'gateway.networking.k8s.io_gateways.yaml',
    'gateway.networking.k8s.io_httproutes.yaml',
  ]) {
    const crd = parse(
      await readFile(join(Dir, 'config', 'crd', 'standard', file), 'utf8'),
    ) as CustomResourceDefinition;
    for (const version of crd.spec.versions) {
      const gvk = { group: crd.spec.group, version: version.name, kind: crd.spec.names.kind };
      schemas[`${gvk.group}/${gvk.version}/${gvk.kind}`] = {
        ...version.schema.openAPIV3Schema,
        'x-kubernetes-group-version-kind': [gvk],
      };
    }
  }
  return { components: { schemas } };
}
