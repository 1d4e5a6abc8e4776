// `npm run images`: builds every image (each services/<name>/src/main.ts, and the operator once it exists)
// from the root Dockerfile as podmesh/<name>:dev, with podman where installed, docker otherwise.
//
//   npm run images                       the Dockerfile's pinned bases (pulled by the engine)
//   npm run images -- --local-bases      the locally made test bases (machines that cannot pull; see docs/images.md)
//   npm run images -- users countries    only these
//   BUILDER_IMAGE=… RUNTIME_IMAGE=…      any other bases; VERSION=… sets the version label (default 0.0.0-dev)
import { performance } from 'node:perf_hooks';
import { ensureBases } from './images/bases/bases.ts';
import { buildImage } from './images/build.ts';
import { detectEngine } from './images/engine.ts';
import { dockerfileBases, explainPullFailure } from './images/pullFailure.ts';
import { discoverTargets } from './images/targets.ts';

const args = process.argv.slice(2);
const localBases = args.includes('--local-bases');
const wanted = args.filter((arg) => !arg.startsWith('--'));
const engine = detectEngine();
const targets = discoverTargets().filter((target) => wanted.length === 0 || wanted.includes(target.name));
if (targets.length === 0) throw new Error(`no image target matches ${wanted.join(', ')}`);

const started = performance.now();
const bases = localBases ? await ensureBases(engine) : undefined;
const builderImage = process.env.BUILDER_IMAGE || bases?.builder;
const runtimeImage = process.env.RUNTIME_IMAGE || bases?.runtime;

console.log(`[images] ${engine.name}: building ${targets.map((target) => target.name).join(', ')}`);
for (const target of targets) {
  const result = await buildImage({
    engine,
    target,
    tag: `podmesh/${target.name}:dev`,
    ...(builderImage ? { builderImage } : {}),
    ...(runtimeImage ? { runtimeImage } : {}),
    offline: localBases,
    ...(process.env.VERSION ? { version: process.env.VERSION } : {}),
  }).catch((error: unknown) => {
    const defaults = dockerfileBases();
    const advice = explainPullFailure(error, {
      builder: builderImage ?? defaults.builder,
      runtime: runtimeImage ?? defaults.runtime,
    });
    if (!advice) throw error;
    console.error(`[images] ${target.name}: ${advice}`);
    process.exit(1);
  });
  console.log(`[images] ${result.tag} ${result.imageId.slice(0, 12)} in ${result.seconds.toFixed(1)}s`);
}
console.log(`[images] ${targets.length} image(s) in ${((performance.now() - started) / 1000).toFixed(1)}s`);
