// The host side of the node's network: its address, routes that keep cluster ranges on this machine, and a
// firewall that forwards pod traffic only between pods. Each step is idempotent; teardown removes it all.
import { execFile, execFileResult } from '../exec.ts';
import { clusterCidr, nodeInterface, nodeIp, podBridge, serviceCidr } from './addresses.ts';

const forwardChain = 'PODMESH-NODE-FORWARD';
const inputChain = 'PODMESH-NODE-INPUT';

async function ip(args: string[]): Promise<void> {
  await execFile('ip', args);
}

/** Runs iptables, ignoring "already exists" / "does not exist" so setup and teardown can repeat. */
async function iptablesQuiet(args: string[]): Promise<void> {
  await execFileResult('iptables', ['-w', ...args]);
}

export async function setUpHostNetwork(): Promise<void> {
  // A bridge without ports: a local interface to hold the node address that can send nowhere (this kernel
  // has no dummy-interface module).
  await execFileResult('ip', ['link', 'add', nodeInterface, 'type', 'bridge']);
  await ip(['addr', 'replace', `${nodeIp}/32`, 'dev', nodeInterface]);
  await ip(['link', 'set', nodeInterface, 'up']);
  // Service IPs that kube-proxy does not translate land on the port-less node interface, which drops them; the
  // rest of the cluster range (other nodes' pods, which do not exist) is a black hole. Neither can
  // fall through to the default route.
  await ip(['route', 'replace', serviceCidr, 'dev', nodeInterface, 'src', nodeIp]);
  await ip(['route', 'replace', 'blackhole', clusterCidr]);

  await iptablesQuiet(['-N', forwardChain]);
  await iptablesQuiet(['-F', forwardChain]);
  await iptablesQuiet(['-A', forwardChain, '-s', clusterCidr, '-o', podBridge, '-j', 'ACCEPT']);
  await iptablesQuiet(['-A', forwardChain, '-s', clusterCidr, '-j', 'DROP']);
  await iptablesQuiet(['-A', forwardChain, '-d', clusterCidr, '!', '-i', podBridge, '-j', 'DROP']);
  await iptablesQuiet(['-D', 'FORWARD', '-j', forwardChain]);
  await execFile('iptables', ['-w', '-I', 'FORWARD', '1', '-j', forwardChain]);

  // From the pods, the host is only the node address (DNS, the API relay, the kubelet).
  await iptablesQuiet(['-N', inputChain]);
  await iptablesQuiet(['-F', inputChain]);
  // Replies to the host's own connections (kubelet probes, tests calling a pod) come back from pods too.
  await iptablesQuiet([
    '-A',
    inputChain,
    '-m',
    'conntrack',
    '--ctstate',
    'ESTABLISHED,RELATED',
    '-j',
    'ACCEPT',
  ]);
  await iptablesQuiet(['-A', inputChain, '-s', clusterCidr, '-d', nodeIp, '-j', 'ACCEPT']);
  await iptablesQuiet(['-A', inputChain, '-s', clusterCidr, '-j', 'DROP']);
  await iptablesQuiet(['-D', 'INPUT', '-j', inputChain]);
  await execFile('iptables', ['-w', '-I', 'INPUT', '1', '-j', inputChain]);
}

export async function tearDownHostNetwork(): Promise<void> {
  for (const [hook, chain] of [
    ['FORWARD', forwardChain],
    ['INPUT', inputChain],
  ] as const) {
    await iptablesQuiet(['-D', hook, '-j', chain]);
    await iptablesQuiet(['-F', chain]);
    await iptablesQuiet(['-X', chain]);
  }
  await execFileResult('ip', ['route', 'del', 'blackhole', clusterCidr]);
  await execFileResult('ip', ['route', 'del', serviceCidr, 'dev', nodeInterface]);
  await execFileResult('ip', ['link', 'del', podBridge]);
  await execFileResult('ip', ['link', 'del', nodeInterface]);
}
