// The OpenAPI v3 documents a Kubernetes release serves, read from the k8s.io/kubernetes Go module
// (api/openapi-spec/v3): the exact schemas of the version the manifests target, fetched through the Go module
// proxy into the module cache once, no cluster needed.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Kubernetes 1.34, the version the rendered manifests must be valid for. */
export const kubernetesModuleVersion = 'v1.34.4';

export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  $ref?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

export interface OpenApiDocument {
  components: { schemas: Record<string, Schema> };
}

/** Downloads the module if needed (about 20 MB, once) and returns the directory of its v3 specs. */
export async function openApiDir(): Promise<string> {
  const { stdout } = await exec(
    'go',
    ['mod', 'download', '-json', `k8s.io/kubernetes@${kubernetesModuleVersion}`],
    {
      env: { ...process.env, GOFLAGS: '-mod=mod', GOWORK: 'off' },
      cwd: process.env.HOME ?? '/',
      maxBuffer: 4 * 1024 * 1024,
    },
  );
  const { Dir } = JSON.parse(stdout) as { Dir: string };
  return join(Dir, 'api', 'openapi-spec', 'v3');
}

/** `apps/v1` → `apis__apps__v1_openapi.json`, `v1` → `api__v1_openapi.json`. */
export function specFileOf(apiVersion: string): string {
  if (!apiVersion.includes('/')) return `api__${apiVersion}_openapi.json`;
  const [group, version] = apiVersion.split('/');
  return `apis__${group}__${version}_openapi.json`;
}

const documents = new Map<string, Promise<OpenApiDocument>>();

export function loadDocument(dir: string, apiVersion: string): Promise<OpenApiDocument> {
  const file = join(dir, specFileOf(apiVersion));
  let document = documents.get(file);
  if (document === undefined) {
    document = readFile(file, 'utf8').then((text) => JSON.parse(text) as OpenApiDocument);
    documents.set(file, document);
  }
  return document;
}
