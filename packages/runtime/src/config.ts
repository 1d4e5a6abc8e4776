// Configuration comes only from environment variables, validated once at start-up (12-factor).
// A bad value stops the process with one line that names the variable: no stack trace, exit 1.

import type { CleanedEnv, ValidatorSpec } from 'envalid';
import { bool, cleanEnv, makeValidator, num, port, str } from 'envalid';

import { parseTarget } from './target.ts';

export { bool, num, port, str };

/** A client target: `dns:///name:port` or `ipv4:host:port,…` (see target.ts). */
export const target = makeValidator<string>((value) => {
  parseTarget(value);
  return value;
});

export type EnvSpec = { [key: string]: ValidatorSpec<unknown> };

export function loadConfig<S extends EnvSpec>(specs: S, env: NodeJS.ProcessEnv = process.env): CleanedEnv<S> {
  return cleanEnv(env, specs, {
    reporter: ({ errors }) => {
      const problems = Object.entries(errors).map(([name, error]) => {
        const value = env[name];
        // A missing variable has nothing more to say (envalid's message is then empty or "undefined").
        if (value === undefined) return `${name} is missing`;
        return `${name}=${JSON.stringify(value)} is invalid: ${(error as Error).message}`;
      });
      if (problems.length === 0) return;
      process.stderr.write(`config error: ${problems.join('; ')}\n`);
      process.exit(1);
    },
  });
}

/** Settings every service shares; a service adds its own with `loadConfig`. */
export const runtimeEnv = {
  SERVICE_NAME: str({ default: '', desc: 'name in logs and metrics (defaults to the service folder name)' }),
  SERVICE_VERSION: str({ default: '0.0.0-dev', desc: 'version in logs (the image tag in a cluster)' }),
  HOST: str({ default: '127.0.0.1', desc: 'address to bind; 0.0.0.0 in containers' }),
  PORT: port({ default: 8080, desc: 'HTTP port' }),
  GRPC_PORT: port({ default: 9090, desc: 'gRPC port, for services that serve gRPC' }),
  LOG_LEVEL: str({
    default: 'info',
    choices: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'],
  }),
  LOG_REQUESTS: bool({ default: true, desc: 'one log line per request' }),
  METRICS: bool({ default: true, desc: 'record Prometheus metrics' }),
  DRAIN_DELAY_MS: num({
    default: 0,
    desc: 'after SIGTERM, stay up unready this long so endpoints drop the pod',
  }),
  SHUTDOWN_TIMEOUT_MS: num({ default: 10_000, desc: 'in-flight requests get this long to finish' }),
  GOOGLE_CLOUD_PROJECT: str({ default: '', desc: 'project id, to link logs to Cloud Trace' }),
};

export type RuntimeConfig = CleanedEnv<typeof runtimeEnv>;
