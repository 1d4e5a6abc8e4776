// What the informer caches keep. client-node's ListWatch stores the very object it hands to the event
// handlers, so trimming it there is the equivalent of client-go's cache transform: managedFields (often the
// largest part of an object) and the children's spec and data are never read back from the cache, only
// their metadata and the StatefulSet's status are.
import type { KubernetesObject } from '@kubernetes/client-node';

export function trimMesh<T extends KubernetesObject>(mesh: T): T {
  if (mesh.metadata) delete mesh.metadata.managedFields;
  return mesh;
}

export function trimChild<T extends KubernetesObject>(child: T): T {
  const object = trimMesh(child) as T & { spec?: unknown; data?: unknown; binaryData?: unknown };
  delete object.spec;
  delete object.data;
  delete object.binaryData;
  return object;
}
