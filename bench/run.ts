// `npm run bench [-- name…]`: runs every benchmark (bench/*.ts) one after another, or the named ones.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const benchDir = new URL('./', import.meta.url).pathname;
const all = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
const unknown = chosen.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; have: ${all.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of chosen) {
  console.log(`\n== bench ${name}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [`${benchDir}${name}.ts`], { stdio: 'inherit' });
  console.log(
    `== ${name}: ${result.status === 0 ? 'done' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
