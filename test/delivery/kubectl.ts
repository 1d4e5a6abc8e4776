// kubectl as the e2e smoke checks use it: against whatever cluster $KUBECONFIG names (kind in CI).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export async function kubectl(args: string[], input?: string): Promise<string> {
  if (input === undefined) {
    const { stdout } = await exec('kubectl', args, { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  }
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, { stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`kubectl ${args[0]}: ${code}`)),
    );
    child.stdin.end(input);
  });
}

export async function kubectlJson<T>(args: string[]): Promise<T> {
  return JSON.parse(await kubectl([...args, '-o', 'json'])) as T;
}

/**
 * `kubectl port-forward` to a Service on a free loopback port, for the life of `use`. Traffic goes to the
 * runner's own loopback only; the forward is stopped whatever `use` does.
 */
export async function withPortForward<T>(
  namespace: string,
  target: string,
  remotePort: number,
  use: (baseUrl: string) => Promise<T>,
): Promise<T> {
  const child = spawn(
    'kubectl',
    ['port-forward', '-n', namespace, '--address', '127.0.0.1', target, `0:${remotePort}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const localPort = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`port-forward to ${target} did not start`)), 30_000);
      child.on('exit', (code) => reject(new Error(`port-forward to ${target} exited (${code})`)));
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(chunk.toString());
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });
    return await use(`http://127.0.0.1:${localPort}`);
  } finally {
    child.kill();
  }
}
