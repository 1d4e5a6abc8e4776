// kube-scheduler with its own identity: assigns pods to the kwok node (and to real nodes later).
import { join } from 'node:path';
import { probeOk } from '../probe.ts';
import type { Component } from './component.ts';

export const kubeScheduler: Component = {
  name: 'kube-scheduler',
  binary: 'kube-scheduler',
  args: ({ dir, ports, kubeconfig }) => [
    `--kubeconfig=${kubeconfig('kube-scheduler')}`,
    `--authentication-kubeconfig=${kubeconfig('kube-scheduler')}`,
    `--authorization-kubeconfig=${kubeconfig('kube-scheduler')}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${ports.scheduler}`,
    `--cert-dir=${join(dir, 'kube-scheduler')}`,
    '--leader-elect=false',
  ],
  ready: ({ ports }) => probeOk(`https://127.0.0.1:${ports.scheduler}/readyz`),
};
