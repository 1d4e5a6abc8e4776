// kwok stands in for kubelets: it marks its nodes Ready and walks their pods through Running to deletion.
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { kwokNodeAnnotation, kwokNodeReady } from '../kwokNode.ts';
import { kwokStagesFile } from '../kwokStages.ts';
import type { Component } from './component.ts';

export const kwok: Component = {
  name: 'kwok',
  binary: 'kwok',
  args: ({ assets, kubeconfig }) => [
    `--kubeconfig=${kubeconfig('kwok')}`,
    `--config=${join(assets, kwokStagesFile)}`,
    '--manage-all-nodes=false', // leaves room for real nodes beside the simulated one
    `--manage-nodes-with-annotation-selector=${kwokNodeAnnotation.key}=${kwokNodeAnnotation.value}`,
    // Only written into pod and node status; nothing is routed to these addresses.
    '--cidr=10.244.0.0/16',
    '--node-ip=10.244.0.1',
    '--node-lease-duration-seconds=40',
  ],
  ready: ({ kubeconfig }) => {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfig('admin'));
    return kwokNodeReady(kubeConfig);
  },
};
