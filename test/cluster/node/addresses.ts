// The node's address plan (docs/testing.md, "End-to-end"). Every range is private and unused on this machine;
// nothing here is routed off the host, and the firewall (firewall.ts) drops pod traffic headed anywhere else.
import { serviceClusterIpRange } from '../certificates.ts';

export const nodeName = 'podmesh-node';
/** A /32 on a port-less bridge (hostNetwork.ts): the node's InternalIP. kubelet, CoreDNS and the API relay listen here only. */
export const nodeIp = '10.243.0.1';
export const nodeInterface = 'pmnode0';
/** Every pod of the cluster (kube-proxy's cluster CIDR); this one node takes the first /24. */
export const clusterCidr = '10.244.0.0/16';
export const nodePodCidr = '10.244.0.0/24';
/** The CNI bridge the pods' veths hang off; its address is the pods' gateway. */
export const podBridge = 'pmcni0';
export const serviceCidr = serviceClusterIpRange;
/** Pods reach the API server here (the `kubernetes` Service's endpoint): a relay to its loopback port. */
export const apiRelayPort = 6443;
export const kubeletPort = 10250;
export const clusterDomain = 'cluster.local';
/** The parent cgroup of every pod, so teardown finds (and removes) exactly what this node created. */
export const podCgroupRoot = '/podmesh-node';
