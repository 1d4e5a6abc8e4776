// `npm run metrics:capture`: runs the fleet (fleet.ts) and rewrites deploy/test/metrics/fixture.json. Run it
// after changing what a service exports, and review the diff: rule tests take their series from this file.
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fixturePath, toFixture } from './fixture.ts';
import { captureFleet } from './fleet.ts';

const started = performance.now();
const fixture = toFixture(await captureFleet());
await writeFile(fixturePath, `${JSON.stringify(fixture, null, 2)}\n`);
const count = Object.values(fixture.series).flat().length;
console.log(
  `[metrics] ${count} series of ${Object.keys(fixture.series).length} services → ${fixturePath} (${((performance.now() - started) / 1000).toFixed(1)}s)`,
);
