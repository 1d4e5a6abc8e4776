// Prepare step of `npm run test:heavy`: makes sure the local base images exist (debootstrap + Node from npm, cached
// outside the repo, keyed by version) and says how long that took. Installs nothing on the machine.
import { performance } from 'node:perf_hooks';
import { ensureBases } from '../../scripts/images/bases/bases.ts';
import { detectEngine } from '../../scripts/images/engine.ts';

const started = performance.now();
const engine = detectEngine();
const bases = await ensureBases(engine);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`[containers] ${engine.name}: builder ${bases.builder}`);
console.log(`[containers] ${engine.name}: runtime ${bases.runtime}`);
console.log(`[containers] bases ready in ${seconds}s (reused: ${bases.reused})`);
