// The images under test: built from the root Dockerfile exactly as `npm run images` builds them, with the
// local bases (this machine cannot pull) swapped in through the BUILDER_IMAGE/RUNTIME_IMAGE build args.

import { ensureBases } from '../../scripts/images/bases/bases.ts';
import { type BuildResult, buildImage } from '../../scripts/images/build.ts';
import { detectEngine } from '../../scripts/images/engine.ts';
import { discoverTargets, type ImageTarget } from '../../scripts/images/targets.ts';

export const engine = detectEngine();
/** A revision unique to this run: a label that shows it proves the metadata is current, not cached. */
export const testRevision = `test-${process.pid}-${Date.now()}`;
export const testVersion = '0.0.0-test';

export const targets = discoverTargets();
/** Services run as containers; the operator needs a Kubernetes API, so it is only built here. */
export const serviceTargets = targets.filter((target) => target.workspace.startsWith('services/'));

export const testTag = (name: string) => `localhost/podmesh-test/${name}:test`;

const builds = new Map<string, Promise<BuildResult>>();

/** Builds now (the engine's layer cache makes an unchanged build quick). */
export async function buildTestImage(target: ImageTarget, context?: string): Promise<BuildResult> {
  const bases = await ensureBases(engine);
  return buildImage({
    engine,
    target,
    tag: testTag(target.name),
    builderImage: bases.builder,
    runtimeImage: bases.runtime,
    offline: true,
    version: testVersion,
    revision: testRevision,
    ...(context ? { context } : {}),
  });
}

/** Builds once per test file. */
export function testImage(target: ImageTarget): Promise<BuildResult> {
  let build = builds.get(target.name);
  if (!build) {
    build = buildTestImage(target);
    builds.set(target.name, build);
  }
  return build;
}

export function targetNamed(name: string): ImageTarget {
  const target = targets.find((candidate) => candidate.name === name);
  if (!target) throw new Error(`no image target ${name}`);
  return target;
}
