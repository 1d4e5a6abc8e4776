// What the services really export, checked by the tools an operator uses: every /metrics passes
// `promtool check metrics`, and the series (label names and values) are those of the checked-in fixture
// that the rule tests take their input series from. Runs the whole fleet once (fleet.ts, about a minute).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { before, test } from 'node:test';
import { findPromtool } from '../../tools/promtool.ts';
import { readFixture, toFixture } from './fixture.ts';
import { captureFleet, type Scrapes } from './fleet.ts';

let scrapes: Scrapes;
before(async () => {
  scrapes = await captureFleet();
});

async function checkMetrics(
  promtool: string,
  text: string,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(promtool, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdin.end(text);
  const [code] = await once(child, 'exit');
  return { code, output };
}

test('promtool check metrics exits 0 on every service’s /metrics', async () => {
  const promtool = findPromtool();
  assert.ok(promtool, 'promtool is installed (deploy/test/prepare.ts)');
  assert.deepEqual(Object.keys(scrapes).sort(), ['counter', 'countries', 'demo', 'kv', 'peer', 'users']);
  for (const [service, text] of Object.entries(scrapes)) {
    const { code, output } = await checkMetrics(promtool, text);
    assert.equal(code, 0, `promtool check metrics on ${service}'s /metrics:\n${output}`);
  }
});

test('the services export exactly the series of the fixture (else: npm run metrics:capture, review the diff)', async () => {
  const captured = toFixture(scrapes);
  const fixture = await readFixture();
  for (const service of Object.keys(fixture.series)) {
    const now = new Set(captured.series[service]);
    const then = new Set(fixture.series[service]);
    const gone = [...then].filter((key) => !now.has(key));
    const added = [...now].filter((key) => !then.has(key));
    assert.deepEqual({ gone, added }, { gone: [], added: [] }, `${service}: series drifted from the fixture`);
  }
  assert.deepEqual(captured, fixture);
});
