// What a service needs to start alone in a container: its required settings, pointed at peers that need not
// exist (readiness must not depend on them), and a volume where it keeps state. A service not listed here
// needs nothing; a new one that fails to start alone shows up in image.test.ts and gets its line here.
export interface Standalone {
  env: Record<string, string>;
  /** Mount points that need a (named) volume: the only writable paths. */
  volumePaths: string[];
}

const needs: Record<string, Partial<Standalone>> = {
  kv: { env: { KV_DATA_DIR: '/data' }, volumePaths: ['/data'] },
  countries: { env: { USERS_TARGET: 'dns:///users:8080' } },
  counter: { env: { KV_TARGET: 'dns:///kv:9090' } },
};

export function standalone(service: string): Standalone {
  const need = needs[service] ?? {};
  return { env: need.env ?? {}, volumePaths: need.volumePaths ?? [] };
}
