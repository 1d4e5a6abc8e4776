// Bundles one workspace's entry point (its src/main.ts) into a single ES module for the image: Node then loads
// one plain JavaScript file instead of type-stripping and reading hundreds of modules at start, which is what
// kept images above their start-up and idle-memory targets (docs/performance/images.md). Local runs and tests
// keep running the TypeScript directly; only the Dockerfile calls this.
//
//   node scripts/bundle.ts <workspace> <out>     e.g. node scripts/bundle.ts services/users /tmp/users
//
// <out>/own/main.mjs                  the bundle (the service's own image layer)
// <out>/files/...                     /proto's contracts and bundled packages' data files, at their repo paths
// <out>/external/node_modules/...     packages with native code, with their dependencies (see `native`)
import { cpSync, existsSync, globSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { locateBanner, locatePlugin } from './bundle/locate.ts';
import {
  copyDataFiles,
  copyPackageClosure,
  findPackage,
  packageOf,
  readManifest,
} from './bundle/shipFiles.ts';

/**
 * Packages that hold compiled addons (.node files). Their loaders find them at run time through computed paths
 * that esbuild cannot follow (lmdb through node-gyp-build-optional-packages, msgpackr through createRequire), so
 * they stay on disk, with their dependencies, where those loaders look; the JavaScript around them (lmdb,
 * msgpackr) is bundled. `@scope/*` stands for the scope's packages (lmdb's prebuilds, one per platform).
 */
export const native = ['msgpackr-extract', '@lmdb/*'];
const isNative = (name: string) =>
  native.some((pattern) =>
    pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern,
  );

const root = join(import.meta.dirname, '..');
const [workspace, outArg] = process.argv.slice(2);
if (!workspace || !outArg) throw new Error('usage: node scripts/bundle.ts <workspace> <out>');
const out = resolve(outArg);
const entry = join(root, workspace, 'src/main.ts');
if (!existsSync(entry)) throw new Error(`${relative(root, entry)} does not exist`);

const started = performance.now();
rmSync(out, { recursive: true, force: true });
const located = new Set<string>();
const result = await build({
  entryPoints: [entry],
  // What the code imports lazily (`await import(...)`: undici in the runtime's balanced client, the Kubernetes
  // client in peer) becomes a chunk of its own beside main.mjs, read from disk only if that code runs.
  splitting: true,
  outdir: join(out, 'own'),
  entryNames: 'main',
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  external: native,
  absWorkingDir: root,
  // Error and class names stay as written: logs and stack traces name what the code names.
  keepNames: true,
  // Licence comments go to main.mjs.LEGAL.txt beside the bundle: one of them is not ASCII, and a single non-ASCII
  // character makes Node hold the whole multi-megabyte source as a two-byte string (double the memory).
  legalComments: 'external',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  sourcesContent: false,
  banner: { js: locateBanner },
  plugins: [locatePlugin(root, located)],
  metafile: true,
  logLevel: 'warning',
});

// Native packages that a bundled package depends on and that are installed (the image build installs only this
// workspace's dependencies), each resolved from the package that needs it.
const externalPackages = new Map<string, string>();
const bundledPackages = new Set(
  Object.keys(result.metafile.inputs)
    .map((input) => packageOf(join(root, input), root))
    .filter((dir) => dir !== undefined && relative(root, dir).split('/').includes('node_modules')),
);
for (const dir of bundledPackages as Set<string>) {
  const manifest = readManifest(dir);
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
    if (isNative(name) && findPackage(name, dir, root)) {
      copyPackageClosure(name, dir, root, join(out, 'external'), externalPackages);
    }
  }
}

const dataPackages = new Set(
  [...located].map((file) => packageOf(file, root)).filter((dir) => dir !== undefined),
);
for (const dir of dataPackages) {
  if (relative(root, dir).split('/').includes('node_modules')) copyDataFiles(dir, root, join(out, 'files'));
}
for (const proto of globSync('proto/**/*.proto', { cwd: root })) {
  mkdirSync(dirname(join(out, 'files', proto)), { recursive: true });
  cpSync(join(root, proto), join(out, 'files', proto));
}
mkdirSync(join(out, 'external'), { recursive: true });
writeFileSync(join(out, 'metafile.json'), JSON.stringify(result.metafile));

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const modules = Object.keys(result.metafile.inputs).length;
console.log(
  `[bundle] ${workspace}: ${modules} modules → main.mjs; external ${[...externalPackages.keys()].join(', ') || 'none'}; in ${seconds}s`,
);
