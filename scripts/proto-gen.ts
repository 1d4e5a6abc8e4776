// `npm run proto`: regenerates the TypeScript types of every contract in proto/ (never edit proto/generated).
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const protoRoot = new URL('../proto/', import.meta.url).pathname;
const outDir = join(protoRoot, 'generated');

function protoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : protoFiles(path);
    return entry.name.endsWith('.proto') ? [relative(protoRoot, path)] : [];
  });
}

rmSync(outDir, { recursive: true, force: true });
const files = protoFiles(protoRoot).sort();
// Options mirror packages/runtime/src/proto.ts so the types match what the loader returns.
execFileSync(
  'proto-loader-gen-types',
  [
    '--keepCase',
    '--longs=String',
    '--enums=String',
    '--defaults',
    '--oneofs',
    '--grpcLib=@grpc/grpc-js',
    '--includeComments',
    '--targetFileExtension=.ts',
    '--importFileExtension=.ts',
    '-I',
    '.',
    '-O',
    'generated',
    ...files,
  ],
  // Relative paths keep the "Original file" comments the same on every checkout.
  { stdio: 'inherit', cwd: protoRoot },
);
console.log(`generated types for ${files.length} proto file(s) into ${relative(process.cwd(), outDir)}`);
