// Reads how each service runs locally from the `podmesh.local` block of services/<name>/package.json,
// so adding a service to `npm start` is part of adding its folder.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = new URL('../../', import.meta.url).pathname;

export interface LocalService {
  name: string;
  entry: string;
  replicas: number;
  httpPort: number;
  grpcPort?: number;
  /** Values may name other services' addresses: `${users.http}` → `127.0.0.1:8090,127.0.0.1:8091`. */
  env: Record<string, string>;
}

interface LocalBlock {
  replicas?: number;
  httpPort: number;
  grpcPort?: number;
  env?: Record<string, string>;
}

/** The variable that overrides `key` of service `name`: `USERS_REPLICAS`, `USERS_HTTP_PORT`, `USERS_GRPC_PORT`. */
export function overrideVariable(name: string, key: 'REPLICAS' | 'HTTP_PORT' | 'GRPC_PORT'): string {
  return `${name.toUpperCase().replaceAll('-', '_')}_${key}`;
}

function override(name: string, key: 'REPLICAS' | 'HTTP_PORT' | 'GRPC_PORT', fallback: number | undefined) {
  const variable = overrideVariable(name, key);
  const value = process.env[variable];
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new Error(`${variable}=${JSON.stringify(value)} must be a whole number`);
  }
  return number;
}

export function discoverServices(): LocalService[] {
  const dir = join(repoRoot, 'services');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const manifest = JSON.parse(readFileSync(join(dir, entry.name, 'package.json'), 'utf8'));
      const local = manifest.podmesh?.local as LocalBlock | undefined;
      if (!local) throw new Error(`services/${entry.name}/package.json has no podmesh.local block`);
      const grpcPort = override(entry.name, 'GRPC_PORT', local.grpcPort);
      return {
        name: entry.name,
        entry: join(dir, entry.name, 'src/main.ts'),
        replicas: override(entry.name, 'REPLICAS', local.replicas ?? 1) ?? 1,
        httpPort: override(entry.name, 'HTTP_PORT', local.httpPort) ?? local.httpPort,
        ...(grpcPort === undefined ? {} : { grpcPort }),
        env: local.env ?? {},
      };
    });
}

export function addresses(service: LocalService, kind: 'http' | 'grpc'): string[] {
  const base = kind === 'http' ? service.httpPort : service.grpcPort;
  if (base === undefined) throw new Error(`${service.name} has no ${kind} port`);
  return Array.from({ length: service.replicas }, (_, replica) => `127.0.0.1:${base + replica}`);
}

export function expandEnv(env: Record<string, string>, services: LocalService[]): Record<string, string> {
  const byName = new Map(services.map((service) => [service.name, service]));
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      value.replace(/\$\{([\w-]+)\.(http|grpc)\}/g, (_, name: string, kind: 'http' | 'grpc') => {
        const service = byName.get(name);
        if (!service) throw new Error(`${key} names unknown service ${name}`);
        return addresses(service, kind).join(',');
      }),
    ]),
  );
}
