// Runs containers the way a hardened cluster would: read-only root filesystem with no tmpfs added, every
// capability dropped, no privilege escalation, the image's own non-root user. Each test removes what it made.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine } from '../../scripts/images/engine.ts';

export interface RunOptions {
  name: string;
  image: string;
  env?: Record<string, string>;
  network?: string;
  alias?: string;
  /** `volume:/path` mounts (named volumes): the only writable places. */
  volumes?: string[];
  /** Publish container port 8080 on a free loopback port of the host. */
  publish?: boolean;
  args?: string[];
}

export interface Container {
  name: string;
  /** `http://127.0.0.1:<port>` when published. */
  url?: string;
}

export async function runContainer(engine: Engine, options: RunOptions): Promise<Container> {
  await engine.run([
    'run',
    '--detach',
    '--name',
    options.name,
    ...engine.containerFlags,
    '--read-only',
    ...(engine.name === 'podman' ? ['--read-only-tmpfs=false'] : []),
    '--cap-drop=ALL',
    '--security-opt=no-new-privileges',
    ...(options.network ? ['--network', options.network] : []),
    ...(options.alias ? ['--network-alias', options.alias] : []),
    ...(options.volumes ?? []).flatMap((volume) => ['--volume', volume]),
    ...(options.publish ? ['--publish', '127.0.0.1::8080'] : []),
    ...Object.entries(options.env ?? {}).flatMap(([key, value]) => ['--env', `${key}=${value}`]),
    options.image,
    ...(options.args ?? []),
  ]);
  if (!options.publish) return { name: options.name };
  const mapping = (await engine.run(['port', options.name, '8080/tcp'])).trim().split('\n')[0] ?? '';
  const port = mapping.split(':').at(-1);
  if (!mapping.startsWith('127.0.0.1:') || !port) throw new Error(`unexpected port mapping "${mapping}"`);
  return { name: options.name, url: `http://127.0.0.1:${port}` };
}

export async function inspect(engine: Engine, name: string, format: string): Promise<string> {
  return (await engine.run(['inspect', '--format', format, name])).trim();
}

/** Polls until `url` answers 200, or fails with the container's last log lines. */
export async function waitForOk(
  engine: Engine,
  name: string,
  url: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if ((await inspect(engine, name, '{{.State.Running}}')) !== 'true') break;
    await sleep(50);
  }
  const logs = await engine.result(['logs', '--tail', '20', name]);
  throw new Error(`${name}: ${url} never answered 200\n${logs.stdout}${logs.stderr}`);
}

/** The container's JSON log lines (stdout and stderr), parsed where they are JSON. */
export async function logLines(engine: Engine, name: string): Promise<Array<Record<string, unknown>>> {
  const { stdout, stderr } = await engine.result(['logs', name]);
  return `${stdout}\n${stderr}`
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return { unparsed: line };
      }
    });
}

/** Sends SIGTERM and measures, from the container's own exit time, how long it took to stop. */
export async function stopWithSigterm(
  engine: Engine,
  name: string,
  limitMs = 15_000,
): Promise<{ exitCode: number; stopMs: number }> {
  const sentAtNs = BigInt(Date.now()) * 1_000_000n;
  await engine.run(['kill', '--signal', 'TERM', name]);
  const deadline = Date.now() + limitMs;
  while ((await inspect(engine, name, '{{.State.Running}}')) === 'true') {
    if (Date.now() > deadline) {
      await engine.result(['kill', name]);
      throw new Error(`${name} still running ${limitMs} ms after SIGTERM`);
    }
    await sleep(25);
  }
  const [exitCode, finishedNs] = (
    await inspect(engine, name, '{{.State.ExitCode}} {{.State.FinishedAt.UnixNano}}')
  )
    .split(' ')
    .map((value) => BigInt(value));
  return { exitCode: Number(exitCode), stopMs: Number(((finishedNs ?? 0n) - sentAtNs) / 1_000_000n) };
}

/** Resident memory of the container's PID 1, read from the host's /proc. */
export async function rssBytes(engine: Engine, name: string): Promise<number> {
  const pid = await inspect(engine, name, '{{.State.Pid}}');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = status.match(/^VmRSS:\s+(\d+)\s+kB$/m)?.[1];
  if (!kib) throw new Error(`no VmRSS for ${name} (pid ${pid})`);
  return Number(kib) * 1024;
}

/** CPU time (user + system) the container's PID 1 has used so far, from the host's /proc. */
export async function cpuTimeMs(engine: Engine, name: string): Promise<number> {
  const pid = await inspect(engine, name, '{{.State.Pid}}');
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The user the container's PID 1 really runs as (real, effective), from the host's /proc. */
export async function processUid(engine: Engine, name: string): Promise<number[]> {
  const pid = await inspect(engine, name, '{{.State.Pid}}');
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^Uid:\s+(.+)$/m)?.[1] ?? '';
  return line.split(/\s+/).slice(0, 2).map(Number);
}

export async function removeContainers(engine: Engine, names: string[]): Promise<void> {
  if (names.length > 0) await engine.result(['rm', '--force', '--time', '0', ...names]);
}
