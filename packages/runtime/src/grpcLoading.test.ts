import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const runtime = fileURLToPath(new URL('./index.ts', import.meta.url));

/** How many grpc-js / protobufjs modules a fresh process has loaded after creating a service, and after asking it for gRPC. */
async function grpcModulesLoaded(): Promise<{ created: number; serving: number }> {
  const source = `
    import { createRequire } from 'node:module';
    import { createService } from ${JSON.stringify(runtime)};
    const count = () => Object.keys(createRequire(import.meta.url).cache)
      .filter((path) => /node_modules\\/(@grpc|protobufjs)\\//.test(path)).length;
    const service = createService({ name: 'probe' });
    const created = count();
    await service.grpc();
    console.log(JSON.stringify({ created, serving: count() }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', source], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return JSON.parse(stdout);
}

test('a service loads grpc-js only once it asks for a gRPC server', async () => {
  const { created, serving } = await grpcModulesLoaded();
  assert.equal(created, 0, 'an HTTP-only service (countries, demo, peer) never loads gRPC');
  assert.ok(serving > 0, 'service.grpc() loads it');
});
