// containerd 2.x configuration (version 3) and the pod network's CNI configuration for the test node.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nodePodCidr, podBridge } from './addresses.ts';
import type { NodeLayout } from './nodeLayout.ts';

/** The sandbox image, built locally (pauseImage.ts): nothing is ever pulled. */
export const pauseImage = 'localhost/podmesh/pause:local';
/** Debian's containernetworking-plugins (bridge, host-local, loopback). */
export const cniPluginDir = '/usr/lib/cni';
export const runcBinary = '/usr/sbin/runc';

export function writeContainerdConfig(layout: NodeLayout): void {
  mkdirSync(dirname(layout.containerdConfig), { recursive: true });
  // cgroupfs driver: the machine's cgroups are v1 and no systemd manages them (docs/adr/0080).
  // Network namespaces live under the state directory, so teardown finds and unmounts them.
  writeFileSync(
    layout.containerdConfig,
    `version = 3
root = "${layout.containerdRoot}"
state = "${layout.containerdState}"

[grpc]
  address = "${layout.containerdSocket}"

[plugins.'io.containerd.nri.v1.nri']
  disable = true

[plugins.'io.containerd.cri.v1.images']
  snapshotter = "overlayfs"
  [plugins.'io.containerd.cri.v1.images'.pinned_images]
    sandbox = "${pauseImage}"

[plugins.'io.containerd.cri.v1.runtime']
  netns_mounts_under_state_dir = true
  # No CAP_SYS_RESOURCE here: an oom_score_adj below containerd's own (the kubelet asks -998 for
  # sandboxes) fails in runc with "failed to update /proc/self/oom_score_adj: Permission denied".
  restrict_oom_score_adj = true
  [plugins.'io.containerd.cri.v1.runtime'.containerd]
    default_runtime_name = "runc"
    [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
        BinaryName = "${runcBinary}"
        SystemdCgroup = false
  [plugins.'io.containerd.cri.v1.runtime'.cni]
    bin_dirs = ["${cniPluginDir}"]
    conf_dir = "${layout.cniConfDir}"
    max_conf_num = 1

[plugins.'io.containerd.grpc.v1.cri']
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
`,
  );
}

/**
 * One bridge, host-local addresses from the node's /24, no masquerade: pod traffic never needs to leave the
 * machine (firewall.ts drops any that tries). kube-proxy handles Services; hairpin lets a pod reach itself
 * through its own Service.
 */
export function writeCniConfig(layout: NodeLayout): void {
  mkdirSync(layout.cniConfDir, { recursive: true });
  const config = {
    cniVersion: '1.0.0',
    name: 'podmesh',
    plugins: [
      {
        type: 'bridge',
        bridge: podBridge,
        isGateway: true,
        ipMasq: false,
        hairpinMode: true,
        ipam: {
          type: 'host-local',
          dataDir: layout.cniDataDir,
          ranges: [[{ subnet: nodePodCidr }]],
          // Service IPs and the node address are reached through the gateway (the host), where
          // kube-proxy's rules and the firewall apply.
          routes: [{ dst: '0.0.0.0/0' }],
        },
      },
    ],
  };
  writeFileSync(join(layout.cniConfDir, '10-podmesh.conflist'), `${JSON.stringify(config, null, 2)}\n`);
}
