// kube-controller-manager with its own identity, one service account per controller (as kubeadm runs it).
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { probeOk } from '../probe.ts';
import type { Component } from './component.ts';

export const kubeControllerManager: Component = {
  name: 'kube-controller-manager',
  binary: 'kube-controller-manager',
  args: ({ dir, pki, ports, kubeconfig }) => [
    `--kubeconfig=${kubeconfig('kube-controller-manager')}`,
    `--authentication-kubeconfig=${kubeconfig('kube-controller-manager')}`,
    `--authorization-kubeconfig=${kubeconfig('kube-controller-manager')}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${ports.controllerManager}`,
    `--cert-dir=${join(dir, 'kube-controller-manager')}`,
    '--leader-elect=false', // a single instance: no lease to wait for
    '--use-service-account-credentials=true',
    `--root-ca-file=${join(pki, 'ca.crt')}`,
    `--service-account-private-key-file=${join(pki, 'sa.key')}`,
    // Signs CertificateSigningRequests, e.g. a real kubelet's client certificate.
    `--cluster-signing-cert-file=${join(pki, 'ca.crt')}`,
    `--cluster-signing-key-file=${join(pki, 'ca.key')}`,
  ],
  ready: async ({ ports, kubeconfig }) => {
    // Its own serving certificate is self-signed in --cert-dir: health is probed without verification.
    await probeOk(`https://127.0.0.1:${ports.controllerManager}/healthz`);
    // Healthy is not yet working: the `default` ServiceAccount appears once its controllers run, and pods
    // cannot be admitted in a namespace without it.
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfig('admin'));
    const core = kubeConfig.makeApiClient(CoreV1Api);
    await core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' });
    return true;
  },
};
