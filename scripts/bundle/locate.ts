// Bundling moves every module into one file, but some modules find files next to themselves: grpc-js's health
// and reflection services read their .proto files through `__dirname`, the runtime finds /proto through
// `import.meta.url`. This plugin gives each bundled module its own original location back, as a path relative
// to the bundle, so those lookups resolve to where the files are shipped beside it (see shipFiles.ts).
import { readFileSync } from 'node:fs';
import { extname, relative } from 'node:path';
import type { Plugin } from 'esbuild';

/** Defined once at the top of the bundle: the absolute path of a file given relative to the bundle. */
export const locateBanner = [
  "import { createRequire as __podmeshCreateRequire } from 'node:module';",
  "import { fileURLToPath as __podmeshFileURLToPath } from 'node:url';",
  '// Bundled CommonJS modules call require() for Node built-ins and for the packages kept outside the bundle.',
  'const require = __podmeshCreateRequire(import.meta.url);',
  'const __podmeshUrl = (path) => new URL(path, import.meta.url).href;',
  'const __podmeshPath = (path) => __podmeshFileURLToPath(__podmeshUrl(path));',
].join('\n');

const loaders = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.js': 'js', '.mjs': 'js', '.cjs': 'js' } as const;
/** An ES module that derives its own `__dirname` (from import.meta.url, rewritten below) keeps it. */
const declaresOwn = /\b(const|let|var)\s+__(dirname|filename)\b/;
const usesLocation = /\b__dirname\b|\b__filename\b|\bimport\.meta\.(url|dirname|filename)\b/;

/**
 * `root` is the directory whose layout the image reproduces under the bundle's own directory;
 * `located` receives every file that asked where it is (its package's data files must be shipped).
 */
export function locatePlugin(root: string, located: Set<string>): Plugin {
  return {
    name: 'podmesh-locate',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!usesLocation.test(source)) return undefined;
        located.add(args.path);
        const path = JSON.stringify(relative(root, args.path));
        const dir = JSON.stringify(`${relative(root, args.path).split('/').slice(0, -1).join('/')}/`);
        // Inside esbuild's CommonJS wrapper these are locals of the module; in ESM they are plain bindings.
        // (The bundle is an ES module, so strict mode holds whatever precedes a "use strict" directive.)
        const header = `var __filename = __podmeshPath(${path}), __dirname = __podmeshPath(${dir}).replace(/\\/$/, '');\n`;
        const needsHeader = /\b__dirname\b|\b__filename\b/.test(source) && !declaresOwn.test(source);
        const contents = source
          .replace(/^#!.*/, '')
          .replaceAll('import.meta.url', `__podmeshUrl(${path})`)
          .replaceAll('import.meta.filename', `__podmeshPath(${path})`)
          .replaceAll('import.meta.dirname', `__podmeshPath(${dir}).replace(/\\/$/, '')`);
        const loader = loaders[extname(args.path) as keyof typeof loaders] ?? 'js';
        return { contents: needsHeader ? header + contents : contents, loader };
      });
    },
  };
}
