// Bundles one workspace's entry point (its src/main.ts) into a single ES module for the image: Node then loads
// one plain JavaScript file instead of type-stripping and reading hundreds of modules at start, which is what
// kept images above their start-up and idle-memory targets (docs/performance/images.md). Local runs and tests
// keep running the TypeScript directly; only the Dockerfile calls this.
//
//   node scripts/bundle.ts <workspace> <out>     e.g. node scripts/bundle.ts services/users /tmp/users
//
// <out>/own/main.mjs                  the bundle (the service's own image layer)
// <out>/shared/...                    /proto's contracts and bundled packages' data files, at their repo paths
// <out>/external/node_modules/...     packages that cannot be bundled (native code), with their dependencies
import { cpSync, existsSync, globSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { locateBanner, locatePlugin } from './bundle/locate.ts';
import { copyDataFiles, copyPackageClosure, packageOf } from './bundle/shipFiles.ts';

/** Native addons load a compiled .node file found at run time: they stay packages on disk. */
export const external = ['lmdb', 'msgpackr-extract'];

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
  external,
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

// Packages kept external that the bundle really imports, resolved from the module that imports them.
const externalPackages = new Map<string, string>();
for (const [input, { imports }] of Object.entries(result.metafile.inputs)) {
  for (const imported of imports) {
    const name = imported.path
      .split('/')
      .slice(0, imported.path.startsWith('@') ? 2 : 1)
      .join('/');
    if (imported.external && external.includes(name)) {
      copyPackageClosure(name, dirname(join(root, input)), root, join(out, 'external'), externalPackages);
    }
  }
}

const dataPackages = new Set(
  [...located].map((file) => packageOf(file, root)).filter((dir) => dir !== undefined),
);
for (const dir of dataPackages) {
  if (relative(root, dir).split('/').includes('node_modules')) copyDataFiles(dir, root, join(out, 'shared'));
}
for (const proto of globSync('proto/**/*.proto', { cwd: root })) {
  mkdirSync(dirname(join(out, 'shared', proto)), { recursive: true });
  cpSync(join(root, proto), join(out, 'shared', proto));
}
mkdirSync(join(out, 'external'), { recursive: true });
writeFileSync(join(out, 'metafile.json'), JSON.stringify(result.metafile));

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const modules = Object.keys(result.metafile.inputs).length;
console.log(
  `[bundle] ${workspace}: ${modules} modules → main.mjs; external ${[...externalPackages.keys()].join(', ') || 'none'}; in ${seconds}s`,
);
