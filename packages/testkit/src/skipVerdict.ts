// What the reporter (reporter.ts) says about a run's skips, and whether they fail it. Kept apart so a unit
// test can check the rules without running node:test inside node:test.
import { relative } from 'node:path';
import { allowedSkips } from './allowedSkips.ts';

export interface Skip {
  kind: 'skip' | 'todo';
  name: string;
  file: string;
  /** a skipped describe: node:test counts it as 0 tests, here it counts as one skip */
  suite: boolean;
  reason: string;
}

const isAllowed = (skip: Skip) =>
  allowedSkips.some((allowed) => allowed.name === skip.name && skip.file.endsWith(allowed.file));

export function verdict(skips: Skip[], ran: number, ci: boolean): { lines: string[]; fails: boolean } {
  const lines: string[] = [];
  const refused = ci ? skips.filter((skip) => !isAllowed(skip)) : [];
  if (skips.length > 0) {
    lines.push(`ℹ skipped or todo (suites count as one): ${skips.length}`);
    for (const skip of skips) {
      const where = skip.file === '' ? '' : ` (${relative(process.cwd(), skip.file)})`;
      const what = skip.suite ? `${skip.kind} suite` : skip.kind;
      lines.push(`  - ${what}: ${skip.name}${where}: ${skip.reason}`);
    }
  }
  if (refused.length > 0)
    lines.push(
      `✖ CI=true and ${refused.length} skipped: a test that cannot run in CI must not exist (or be listed, with its reason, in packages/testkit/src/allowedSkips.ts): ${refused.map((skip) => `"${skip.name}" (${skip.reason})`).join(', ')}`,
    );
  if (ran === 0) lines.push('✖ no test ran: every test was skipped or none was found');
  return { lines, fails: refused.length > 0 || ran === 0 };
}
