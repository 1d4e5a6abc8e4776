// What every Terraform check needs: the resolved CLI, a loopback sink for outbound calls, a workspace copy.
import { join } from 'node:path';
import { startEgressSink } from './egressSink.ts';
import { type Cli, resolveCli } from './resolveCli.ts';
import { terraformEnv } from './terraform.ts';
import { copyInfra } from './workspace.ts';

export interface CheckSession {
  cli: Cli;
  env: NodeJS.ProcessEnv;
  /** host:port of every outbound request the CLI or provider attempted (all refused). */
  egressAttempts: string[];
  /** Absolute path of a directory (e.g. `envs/prod`, `modules/gke`) inside the workspace copy. */
  dir(path: string): string;
  close(): Promise<void>;
}

export async function openCheckSession(): Promise<CheckSession> {
  const cli = await resolveCli();
  const sink = await startEgressSink();
  const workspace = copyInfra();
  return {
    cli,
    env: terraformEnv(sink.url),
    egressAttempts: sink.attempts,
    dir: (path) => join(workspace.infra, path),
    close: async () => {
      await sink.close();
      workspace.dispose();
    },
  };
}
