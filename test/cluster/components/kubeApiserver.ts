// kube-apiserver on 127.0.0.1 only, client-certificate authentication, Node + RBAC authorization.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceClusterIpRange } from '../certificates.ts';
import { probe } from '../probe.ts';
import type { Component } from './component.ts';

/**
 * Watches without an explicit timeoutSeconds end after a random time between this and twice this.
 * Upstream's default is 1800 s; a short one makes every test client prove it renews its watches.
 */
export const watchTimeoutSeconds = 8;

/** Whose requests the API server's audit log records (at Metadata level): the operator's ServiceAccount. */
export const auditedUser = 'system:serviceaccount:podmesh-system:podmesh-operator';
export const auditLogPath = (dir: string) => join(dir, 'audit.log');

/** Every request of the audited user once it completes, nothing else: small enough to keep on in every run. */
function writeAuditPolicy(dir: string): string {
  const path = join(dir, 'audit-policy.yaml');
  writeFileSync(
    path,
    [
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'omitStages: [RequestReceived, ResponseStarted]',
      'rules:',
      `  - level: Metadata`,
      `    users: ["${auditedUser}"]`,
      '  - level: None',
      '',
    ].join('\n'),
  );
  return path;
}

export const kubeApiserver: Component = {
  name: 'kube-apiserver',
  binary: 'kube-apiserver',
  args: ({ dir, pki, ports }) => [
    `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${ports.apiserver}`,
    // Without these the apiserver looks for a default route to pick an address, and the `kubernetes`
    // Endpoints would get a loopback IP, which validation rejects.
    '--advertise-address=127.0.0.1',
    '--endpoint-reconciler-type=none',
    `--cert-dir=${join(dir, 'kube-apiserver')}`,
    `--tls-cert-file=${join(pki, 'apiserver.crt')}`,
    `--tls-private-key-file=${join(pki, 'apiserver.key')}`,
    `--client-ca-file=${join(pki, 'ca.crt')}`,
    '--authorization-mode=Node,RBAC',
    '--enable-admission-plugins=NodeRestriction',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${join(pki, 'sa.pub')}`,
    `--service-account-signing-key-file=${join(pki, 'sa.key')}`,
    `--service-cluster-ip-range=${serviceClusterIpRange}`,
    '--allow-privileged=true',
    // Used only when a real node joins (npm run cluster:up -- --node): logs, exec, port-forward.
    `--kubelet-client-certificate=${join(pki, 'kube-apiserver-kubelet-client.crt')}`,
    `--kubelet-client-key=${join(pki, 'kube-apiserver-kubelet-client.key')}`,
    '--kubelet-preferred-address-types=InternalIP',
    `--min-request-timeout=${watchTimeoutSeconds}`,
    '--profiling=false',
    // The operator's tests compare what it asked for with what its RBAC grants (operator/test/rbac.test.ts).
    `--audit-policy-file=${writeAuditPolicy(dir)}`,
    `--audit-log-path=${auditLogPath(dir)}`,
    '--audit-log-maxsize=100',
    '--audit-log-maxbackup=1',
  ],
  ready: async ({ pki, ports }) => {
    const ca = readFileSync(join(pki, 'ca.crt'));
    const { status } = await probe(`https://127.0.0.1:${ports.apiserver}/readyz`, { ca });
    return status === 200;
  },
};
