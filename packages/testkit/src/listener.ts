// Whether a given process owns the socket listening on a loopback port. A free port picked by one test file can
// be taken by another test file's process before ours binds it; then /readyz answers, but from someone else.
// Linux: /proc; elsewhere (macOS has no /proc): lsof, which macOS ships.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue; // no IPv6 in this namespace
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const localPort = Number.parseInt(fields[1]?.split(':')[1] ?? '', 16);
      if (localPort === port && fields[3] === '0A' && fields[9]) inodes.add(fields[9]); // 0A = LISTEN
    }
  }
  return inodes;
}

export function ownsListener(pid: number, port: number): boolean {
  return process.platform === 'linux' ? ownsListenerProc(pid, port) : ownsListenerLsof(pid, port);
}

export function ownsListenerLsof(pid: number, port: number): boolean {
  const result = spawnSync('lsof', ['-nP', '-a', '-p', String(pid), `-iTCP:${port}`, '-sTCP:LISTEN', '-t'], {
    encoding: 'utf8',
  });
  if (result.error)
    throw new Error(`lsof is needed to tell who listens on port ${port}: ${result.error.message}`);
  return result.stdout.split('\n').includes(String(pid));
}

export function ownsListenerProc(pid: number, port: number): boolean {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return false;
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false; // the process is gone
  }
  return fds.some((fd) => {
    try {
      return inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '');
    } catch {
      return false; // closed meanwhile
    }
  });
}
