// The `kubernetes` Service's endpoint for pods. The test API server runs with --endpoint-reconciler-type=none
// (it listens on loopback, which is no valid endpoint), so the node publishes the relay's address itself.
export function kubernetesEndpointSlice(address: string, port: number): string {
  return `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: kubernetes
  namespace: default
  labels:
    kubernetes.io/service-name: kubernetes
    endpointslice.kubernetes.io/managed-by: podmesh-test-node
addressType: IPv4
endpoints:
  - addresses: ["${address}"]
    conditions: { ready: true }
ports:
  - { name: https, port: ${port}, protocol: TCP }
`;
}
