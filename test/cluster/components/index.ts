// Start order: storage, API, then the controllers that talk to the API, then the simulated kubelet.
import type { Component } from './component.ts';
import { etcd } from './etcd.ts';
import { kubeApiserver } from './kubeApiserver.ts';
import { kubeControllerManager } from './kubeControllerManager.ts';
import { kubeScheduler } from './kubeScheduler.ts';
import { kwok } from './kwok.ts';

export const controlPlaneComponents: Component[] = [
  etcd,
  kubeApiserver,
  kubeControllerManager,
  kubeScheduler,
  kwok,
];
