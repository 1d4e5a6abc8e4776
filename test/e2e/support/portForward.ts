// `kubectl port-forward` as the dev docs tell a user to reach a service: resolves with the local port.
import { spawn } from 'node:child_process';
import { namespace, requireEnvironment } from './environment.ts';

export interface PortForward {
  port: number;
  close: () => void;
}

export function portForward(target: string, remotePort: number): Promise<PortForward> {
  const { kubeconfig, kubectl } = requireEnvironment();
  const child = spawn(kubectl, [
    `--kubeconfig=${kubeconfig}`,
    `--namespace=${namespace}`,
    'port-forward',
    '--address=127.0.0.1',
    target,
    `:${remotePort}`,
  ]);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`port-forward ${target} did not start: ${output}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/Forwarding from 127\.0\.0\.1:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), close: () => child.kill() });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`port-forward ${target} exited ${code}: ${output}`));
    });
  });
}
