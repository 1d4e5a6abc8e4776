// Kubeconfig files with the CA and the client certificate embedded, so they work from any directory.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

const base64 = (file: string) => readFileSync(file).toString('base64');

export function writeKubeconfig(path: string, server: string, pki: string, client: string): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'podmesh-test',
        cluster: { server, 'certificate-authority-data': base64(join(pki, 'ca.crt')) },
      },
    ],
    users: [
      {
        name: client,
        user: {
          'client-certificate-data': base64(join(pki, `${client}.crt`)),
          'client-key-data': base64(join(pki, `${client}.key`)),
        },
      },
    ],
    contexts: [{ name: 'podmesh-test', context: { cluster: 'podmesh-test', user: client } }],
    'current-context': 'podmesh-test',
  };
  writeFileSync(path, stringify(config), { mode: 0o600 });
}

/** The same credentials and CA, through another port on 127.0.0.1 (e.g. a test's TCP proxy). */
export function kubeconfigVia(kubeconfigPath: string, port: number, path: string): string {
  const text = readFileSync(kubeconfigPath, 'utf8').replace(
    /server: https:\/\/127\.0\.0\.1:\d+/,
    `server: https://127.0.0.1:${port}`,
  );
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}
