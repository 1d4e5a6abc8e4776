// The doc's numbers must be the model's numbers: a changed assumption without a re-render fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { assumptions, estimate } from './envelope.ts';
import { docPath, renderEnvelopeTable, si, withFreshEnvelope } from './renderEnvelope.ts';

test('the envelope table in streaming-platform.md is the one envelope.ts renders', () => {
  const doc = readFileSync(docPath, 'utf8');
  assert.equal(
    doc,
    withFreshEnvelope(doc),
    'stale table: run node docs/architecture/renderEnvelope.ts --write',
  );
});

test('si() keeps three significant digits and names billions in plain counts', () => {
  assert.equal(si(20_833_333), '20.8 M');
  assert.equal(si(6e9), '6 bn');
  assert.equal(si(3.6e12, 'B'), '3.6 TB');
  assert.equal(si(579.4), '579');
  assert.equal(si(83.3e12, 'bit/s'), '83.3 Tbit/s');
});

test('load figures scale with the number of accounts, so "divide by 20 for launch" holds', () => {
  const full = estimate();
  const launch = estimate({ ...assumptions, accounts: assumptions.accounts / 20 });
  for (const key of [
    'peakStreams',
    'peakApiPerSecond',
    'egressBytesPerDay',
    'peakHeartbeatsPerSecond',
  ] as const) {
    assert.ok(Math.abs(full[key] / launch[key] - 20) < 1e-9, `${key} is not linear in accounts`);
  }
  // The catalogue does not grow with the audience.
  assert.equal(full.renditionBytes, launch.renditionBytes);
});

test('the table shows every row with its arithmetic and a bold result', () => {
  const rows = renderEnvelopeTable().split('\n').slice(2);
  assert.ok(rows.length >= 20);
  for (const row of rows) assert.match(row, /^\| [^|]+ \| [^|]+ \| \*\*[^|]+\*\* \|$/);
});
