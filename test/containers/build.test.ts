// Every image builds from the one Dockerfile, carries the metadata a platform team checks, runs as the
// non-root user with Node as its entry point, and adds no more than 40 MB to the runtime base.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ensureBases } from '../../scripts/images/bases/bases.ts';
import { engine, targets, testImage, testRevision, testVersion } from './testImages.ts';

const maxAddedBytes = 40 * 1024 * 1024;

async function imageSize(reference: string): Promise<number> {
  return Number(await engine.run(['image', 'inspect', '--format', '{{.Size}}', reference]));
}

describe('images build from the Dockerfile', () => {
  for (const target of targets) {
    test(`${target.name}`, async (t) => {
      const built = await testImage(target);
      const config = JSON.parse(
        await engine.run(['image', 'inspect', '--format', '{{json .Config}}', built.imageId]),
      ) as {
        User: string;
        Entrypoint: string[];
        Cmd: string[];
        Env: string[];
        Labels: Record<string, string>;
      };

      assert.equal(config.User, '65532:65532', 'numeric non-root user, so runAsNonRoot can verify it');
      assert.deepEqual(config.Entrypoint, ['/nodejs/bin/node']);
      assert.deepEqual(
        config.Cmd,
        ['/app/main.mjs'],
        'the bundle, not TypeScript: no type stripping at start',
      );
      for (const variable of [
        'HOST=0.0.0.0',
        'NODE_ENV=production',
        'NODE_OPTIONS=--max-semi-space-size=1',
        `SERVICE_VERSION=${testVersion}`,
      ]) {
        assert.ok(config.Env.includes(variable), `${variable} in ${config.Env.join(' ')}`);
      }
      assert.equal(config.Labels['org.opencontainers.image.revision'], testRevision);
      assert.equal(config.Labels['org.opencontainers.image.version'], testVersion);
      assert.match(config.Labels['org.opencontainers.image.source'] ?? '', /^https:\/\//);
      assert.equal(config.Labels['dev.podmesh.service'], target.name);

      const { runtime } = await ensureBases(engine);
      const added = (await imageSize(built.imageId)) - (await imageSize(runtime));
      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
      t.diagnostic(
        `${target.name}: adds ${mb(added)} MB to the runtime base; built in ${built.seconds.toFixed(1)}s`,
      );
      assert.ok(
        added <= maxAddedBytes,
        `${target.name} adds ${mb(added)} MB (limit ${mb(maxAddedBytes)} MB)`,
      );
    });
  }
});
