// The docs that others rely on stay true: the contracts' metric names are the ones the code registers, every ADR
// is in the index, and no file points outside the repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createOperatorMetrics } from '../operator/src/metrics.ts';
import { createMetrics } from '../packages/runtime/src/metrics.ts';
import { recordResponseTimes } from '../services/demo/src/responseTimeMetric.ts';
import { createPeerMetrics } from '../services/peer/src/peerMetrics.ts';

const docs = new URL('./', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, docs), 'utf8');

test('docs/contracts.md names exactly the metrics the code registers (beside prom-client defaults)', async () => {
  const metrics = createMetrics('docs-test');
  createPeerMetrics(metrics);
  createOperatorMetrics(metrics.registry);
  recordResponseTimes({ addHook() {} } as never, metrics, 'docs-test');
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults });
  const defaultNames = new Set((await defaults.getMetricsAsJSON()).map((metric) => metric.name));
  const registered = (await metrics.registry.getMetricsAsJSON())
    .map((metric) => metric.name)
    .filter((name) => !defaultNames.has(name))
    .sort();

  const section = read('contracts.md').split('## Metric names')[1]?.split('\n## ')[0] ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| process'));
  const documented = [...rows.join('\n').matchAll(/`([a-z_]+)(?:\{[^`]*\})?`/g)]
    .map((match) => match[1] as string)
    .filter((name) => name !== 'service' && name.includes('_'))
    .sort();
  assert.deepEqual([...new Set(documented)], registered);
});

test('docs/adr/README.md has one row per ADR, each linking its file', () => {
  const files = readdirSync(new URL('adr/', docs)).filter((name) => /^\d{4}-.*\.md$/.test(name));
  const index = read('adr/README.md');
  const linked = [...index.matchAll(/^\| \[(\d+)\]\((\d{4}-[^)]+\.md)\) \|/gm)];
  assert.deepEqual(linked.map((match) => match[2]).sort(), files.sort());
  for (const [, number, file] of linked) assert.equal(Number(file?.slice(0, 4)), Number(number), file);
});

test("no tracked file cites the founders' notes or anything else outside the repository", () => {
  // git grep: what the repository holds, nothing generated or installed.
  let hits = '';
  try {
    hits = execFileSync(
      'git',
      ['grep', '-n', '-I', '-E', 'design\\.md|/work/|shared[/]notes', '--', '.', ':!docs/docs.test.ts'],
      {
        cwd: new URL('..', docs),
        encoding: 'utf8',
      },
    );
  } catch (error) {
    if ((error as { status?: number }).status !== 1) throw error; // 1: no match
  }
  assert.equal(hits, '');
});
