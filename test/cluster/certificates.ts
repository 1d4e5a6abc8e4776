// A throwaway PKI for the test control plane, made with the openssl CLI (Node's crypto cannot issue X.509).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from './exec.ts';

/** A client certificate: Kubernetes takes the user from CN and the groups from O. */
export interface ClientIdentity {
  file: string;
  user: string;
  groups?: string[];
}

// The apiserver is reached as 127.0.0.1 from the host and as the `kubernetes` Service from (future) pods.
export const serviceClusterIpRange = '10.96.0.0/16';
const kubernetesServiceIp = '10.96.0.1';
const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

const caConfig = `[req]
distinguished_name=dn
x509_extensions=v3_ca
prompt=no
[dn]
CN=podmesh-test-ca
[v3_ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign,digitalSignature
subjectKeyIdentifier=hash
`;

const serverExtensions = `basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:${kubernetesServiceIp}
`;

const clientExtensions = `basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth
`;

async function issue(pki: string, name: string, subject: string, extensions: string): Promise<void> {
  const base = join(pki, name);
  writeFileSync(`${base}.ext`, extensions);
  await execFile('openssl', [
    'req',
    '-new',
    ...ecKey,
    '-keyout',
    `${base}.key`,
    '-out',
    `${base}.csr`,
    '-subj',
    subject,
  ]);
  const serial = `0x${randomBytes(16).toString('hex')}`; // no shared serial file, so certificates issue in parallel
  await execFile('openssl', [
    'x509',
    '-req',
    '-in',
    `${base}.csr`,
    '-CA',
    join(pki, 'ca.crt'),
    '-CAkey',
    join(pki, 'ca.key'),
    '-set_serial',
    serial,
    '-days',
    '30',
    '-extfile',
    `${base}.ext`,
    '-out',
    `${base}.crt`,
  ]);
}

/** Writes ca, apiserver (serving), one client pair per identity, and the service-account signing key pair. */
export async function writeCertificates(pki: string, clients: ClientIdentity[]): Promise<void> {
  mkdirSync(pki, { recursive: true, mode: 0o700 });
  writeFileSync(join(pki, 'ca.cnf'), caConfig);
  await execFile('openssl', [
    'req',
    '-x509',
    ...ecKey,
    '-days',
    '30',
    '-config',
    join(pki, 'ca.cnf'),
    '-keyout',
    join(pki, 'ca.key'),
    '-out',
    join(pki, 'ca.crt'),
  ]);
  await Promise.all([
    issue(pki, 'apiserver', '/CN=kube-apiserver', serverExtensions),
    ...clients.map(({ file, user, groups = [] }) => {
      const subject = `${groups.map((group) => `/O=${group}`).join('')}/CN=${user}`;
      return issue(pki, file, subject, clientExtensions);
    }),
  ]);
  // Service-account tokens are JWTs signed by the apiserver and verified with the public half.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(pki, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(join(pki, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
}

/** One more client certificate from the existing CA: the identities of a real node, issued when it joins. */
export function issueClientCertificate(
  pki: string,
  { file, user, groups = [] }: ClientIdentity,
): Promise<void> {
  const subject = `${groups.map((group) => `/O=${group}`).join('')}/CN=${user}`;
  return issue(pki, file, subject, clientExtensions);
}
