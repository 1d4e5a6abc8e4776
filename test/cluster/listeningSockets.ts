// The TCP addresses a process listens on, read from /proc: proves the cluster binds loopback only.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const listenState = '0A';

function decodeIpv4(hex: string): string {
  return [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}

function decodeIpv6(hex: string): string {
  // Four little-endian 32-bit words; enough to tell ::1, :: and IPv4-mapped loopback apart.
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((word) => (word.match(/../g) ?? []).reverse());
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(Number.parseInt(`${bytes[i]}${bytes[i + 1]}`, 16).toString(16));
  return groups.join(':');
}

/** `address:port` of every listening TCP socket the process holds. */
export function listeningAddresses(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // closed between readdir and readlink
    }
  }
  const addresses: string[] = [];
  for (const [file, decode] of [
    ['tcp', decodeIpv4],
    ['tcp6', decodeIpv6],
  ] as const) {
    for (const line of readFileSync(`/proc/${pid}/net/${file}`, 'utf8').trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, , state] = fields.slice(1, 4);
      const inode = fields[9];
      if (state !== listenState || !local || !inode || !inodes.has(inode)) continue;
      const [ip = '', port = ''] = local.split(':');
      addresses.push(`${decode(ip)}:${Number.parseInt(port, 16)}`);
    }
  }
  return addresses;
}
