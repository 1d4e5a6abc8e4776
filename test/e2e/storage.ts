// The cluster has no volume provisioner (a single test node), so the e2e run provisions kv's volume the way
// an administrator would: a PersistentVolume on the node's disk, pre-bound to the StatefulSet's claim.
import { chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from '../cluster/exec.ts';
import { namespace } from './support/environment.ts';

/** uid/gid the images run as (Dockerfile USER, chart runAsUser): hostPath volumes are not chowned by fsGroup. */
const imageUser = 65532;

export async function provisionKvVolume(
  clusterDir: string,
  kubectl: string,
  kubeconfig: string,
): Promise<void> {
  const path = join(clusterDir, 'node', 'volumes', 'kv-0');
  mkdirSync(path, { recursive: true, mode: 0o770 });
  chownSync(path, imageUser, imageUser);
  const volume = `apiVersion: v1
kind: PersistentVolume
metadata: { name: podmesh-e2e-kv-0 }
spec:
  capacity: { storage: 1Gi }
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ""
  claimRef: { namespace: ${namespace}, name: data-kv-0 }
  hostPath: { path: ${path}, type: Directory }
`;
  await execFile(kubectl, [`--kubeconfig=${kubeconfig}`, 'apply', '-f', '-'], { input: volume });
}
