// What every process of the test cluster is: how to start it and how to know it is ready.
// A real node (kubelet, containerd) joins later as more entries of this shape.
import type { ControlPlanePorts } from '../ports.ts';
import type { RunningProcess } from '../processes.ts';

export interface ClusterLayout {
  /** State directory: pki/, etcd data, logs, kubeconfigs. */
  dir: string;
  pki: string;
  bin: string;
  ports: ControlPlanePorts;
  /** Kubeconfig of a client identity (see identities.ts). */
  kubeconfig: (client: string) => string;
  /** Shared files built with the binaries (kwok's stages). */
  assets: string;
}

export interface Component {
  name: string;
  binary: string;
  args: (layout: ClusterLayout) => string[];
  /** Resolves once the component serves; called repeatedly until it does or the start times out. */
  ready: (layout: ClusterLayout, process: RunningProcess) => Promise<boolean>;
}
