import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const runtime = fileURLToPath(new URL('./index.ts', import.meta.url));
const grpcEntry = fileURLToPath(new URL('./grpc.ts', import.meta.url));

/** How many grpc-js / protobufjs modules a fresh process has loaded after creating a service, and with a gRPC server. */
async function grpcModulesLoaded(): Promise<{ created: number; serving: number }> {
  const source = `
    import { createRequire } from 'node:module';
    import { createService } from ${JSON.stringify(runtime)};
    const count = () => Object.keys(createRequire(import.meta.url).cache)
      .filter((path) => /node_modules\\/(@grpc|protobufjs)\\//.test(path)).length;
    createService({ name: 'probe' });
    const created = count();
    const { grpcServer } = await import(${JSON.stringify(grpcEntry)});
    createService({ name: 'grpc-probe', grpc: grpcServer }).grpc();
    console.log(JSON.stringify({ created, serving: count() }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', source], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return JSON.parse(stdout);
}

test('a service loads grpc-js only when it serves gRPC', async () => {
  const { created, serving } = await grpcModulesLoaded();
  assert.equal(created, 0, 'an HTTP-only service (countries, demo, peer) never loads gRPC');
  assert.ok(serving > 0, 'a service given grpcServer loads it');
});
