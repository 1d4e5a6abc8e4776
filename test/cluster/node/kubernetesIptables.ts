// Removes the iptables chains the kubelet and kube-proxy create (all named KUBE-*), in every table of both
// IP families, after `kube-proxy --cleanup` has removed its own: the kubelet leaves KUBE-FIREWALL and its
// canaries behind. This machine runs no other Kubernetes node, so every KUBE-* chain is this node's.
import { execFileResult } from '../exec.ts';

const tables = ['filter', 'nat', 'mangle'];

export async function removeKubernetesChains(): Promise<void> {
  for (const command of ['iptables', 'ip6tables']) {
    for (const table of tables) {
      const { stdout, code } = await execFileResult(command, ['-w', '-t', table, '-S']);
      if (code !== 0) continue;
      const lines = stdout.split('\n');
      // Rules in built-in chains that jump into a KUBE-* chain, then the KUBE-* chains themselves.
      for (const rule of lines.filter(
        (line) => /^-A [A-Z]+ .*-j KUBE-/.test(line) && !/^-A KUBE-/.test(line),
      )) {
        await execFileResult(command, ['-w', '-t', table, '-D', ...rule.slice(3).split(' ')]);
      }
      const chains = lines.filter((line) => line.startsWith('-N KUBE-')).map((line) => line.slice(3));
      for (const chain of chains) await execFileResult(command, ['-w', '-t', table, '-F', chain]);
      for (const chain of chains) await execFileResult(command, ['-w', '-t', table, '-X', chain]);
    }
  }
}
