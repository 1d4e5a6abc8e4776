// Builds one image from the root Dockerfile. Every image comes from this one call, with the same arguments,
// whether `npm run images`, the tests or CI asked for it; only the base images may be swapped.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Engine } from './engine.ts';
import { type ImageTarget, repoRoot } from './targets.ts';

export interface BuildOptions {
  engine: Engine;
  target: ImageTarget;
  tag: string;
  /** Replace the Dockerfile's pinned bases (tests use local ones: this machine cannot pull). */
  builderImage?: string;
  runtimeImage?: string;
  /** Never pull a base: only local images. */
  offline?: boolean;
  version?: string;
  revision?: string;
  /** The build context (default: the repository); its Dockerfile is used. */
  context?: string;
  echo?: boolean;
}

export interface BuildResult {
  tag: string;
  imageId: string;
  seconds: number;
}

export function gitRevision(root = repoRoot): string {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown';
  }
}

export function buildArgs(options: BuildOptions): string[] {
  const args: Record<string, string | undefined> = {
    SERVICE: options.target.name,
    BUILDER_IMAGE: options.builderImage,
    RUNTIME_IMAGE: options.runtimeImage,
    VERSION: options.version,
    REVISION: options.revision ?? gitRevision(),
  };
  return Object.entries(args).flatMap(([name, value]) => (value ? ['--build-arg', `${name}=${value}`] : []));
}

/**
 * podman (buildah 1.28) reuses a cached ENV/LABEL step even when the ARG it expands has a new value
 * (containers/buildah#5501), so the version metadata is also set on the final image directly, as the
 * Dockerfile would set it. BuildKit recomputes image metadata on every build and needs none of this.
 */
function versionMetadata(options: BuildOptions): string[] {
  if (options.engine.name !== 'podman') return [];
  const version = options.version ?? '0.0.0-dev';
  const revision = options.revision ?? gitRevision();
  return [
    '--label',
    `org.opencontainers.image.version=${version}`,
    '--label',
    `org.opencontainers.image.revision=${revision}`,
    '--env',
    `SERVICE_VERSION=${version}`,
  ];
}

export async function buildImage(options: BuildOptions): Promise<BuildResult> {
  const { engine } = options;
  const started = performance.now();
  // podman can be told never to pull; docker (BuildKit) uses a local base when the tag exists locally.
  const pull = options.offline && engine.name === 'podman' ? ['--pull=never'] : [];
  // Extra CA certificates (a TLS-inspecting proxy between the build and the npm registry) go in as a
  // build secret: used by npm ci, never stored in a layer.
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  const secrets = ca && existsSync(ca) ? ['--secret', `id=ca,src=${ca}`] : [];
  // The ID of exactly this build, even if another build retags the same name meanwhile.
  const iidDir = mkdtempSync(join(tmpdir(), 'podmesh-iid-'));
  const iidFile = join(iidDir, 'id');
  await engine.run(
    [
      'build',
      '--iidfile',
      iidFile,
      ...engine.containerFlags,
      ...pull,
      ...secrets,
      ...(engine.name === 'podman' ? ['--layers'] : []),
      ...buildArgs(options),
      ...versionMetadata(options),
      '--file',
      `${options.context ?? repoRoot}/Dockerfile`,
      '--tag',
      options.tag,
      options.context ?? repoRoot,
    ],
    { echo: options.echo ?? false },
  );
  const imageId = readFileSync(iidFile, 'utf8')
    .trim()
    .replace(/^sha256:/, '');
  rmSync(iidDir, { recursive: true, force: true });
  return { tag: options.tag, imageId, seconds: (performance.now() - started) / 1000 };
}
