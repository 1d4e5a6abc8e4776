import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppliedChildren } from './appliedChildren.ts';

const written = [
  { kind: 'StatefulSet', metadata: { name: 'm', resourceVersion: '10', generation: 2 } },
  { kind: 'ConfigMap', metadata: { name: 'm-peers', resourceVersion: '11' } },
];
const set = (resourceVersion: string, generation: number) => ({
  kind: 'StatefulSet',
  object: { metadata: { name: 'm', resourceVersion, generation } },
});
const configMap = (resourceVersion: string) => ({
  kind: 'ConfigMap',
  object: { metadata: { name: 'm-peers', resourceVersion } },
});

function recorded(now = () => 0) {
  const applied = new AppliedChildren({ resyncMs: 60_000, now });
  applied.record('ns/m', 'hash', written);
  return applied;
}

test('never applied, or the desired state changed: apply', () => {
  assert.equal(new AppliedChildren({ resyncMs: 60_000 }).needsApply('ns/m', 'hash', []), true);
  assert.equal(recorded().needsApply('ns/m', 'other hash', []), true);
});

test('our own writes echoed back, or children not yet in the cache: nothing to apply', () => {
  assert.equal(recorded().needsApply('ns/m', 'hash', [set('10', 2), configMap('11')]), false);
  assert.equal(recorded().needsApply('ns/m', 'hash', []), false);
});

test('the StatefulSet’s status moved (same generation): nothing to apply', () => {
  assert.equal(recorded().needsApply('ns/m', 'hash', [set('15', 2), configMap('11')]), false);
});

test('drift: a spec edited, a ConfigMap rewritten, a child deleted', () => {
  assert.equal(recorded().needsApply('ns/m', 'hash', [set('16', 3)]), true);
  assert.equal(recorded().needsApply('ns/m', 'hash', [configMap('12')]), true);
  const applied = recorded();
  applied.markDrifted('ns/m');
  assert.equal(applied.needsApply('ns/m', 'hash', []), true);
  applied.startApply('ns/m');
  applied.record('ns/m', 'hash', written);
  assert.equal(applied.needsApply('ns/m', 'hash', []), false);
});

test('a child deleted while an apply runs is still drift after that apply is recorded', () => {
  const applied = recorded();
  applied.startApply('ns/m');
  applied.markDrifted('ns/m'); // the delete event arrives mid-apply
  applied.record('ns/m', 'hash', written);
  assert.equal(applied.needsApply('ns/m', 'hash', []), true);
});

test('the resync period applies everything again', () => {
  let now = 0;
  const applied = recorded(() => now);
  now = 59_999;
  assert.equal(applied.needsApply('ns/m', 'hash', []), false);
  now = 60_000;
  assert.equal(applied.needsApply('ns/m', 'hash', []), true);
});

test('forgotten (mesh deleted or an apply failed): apply', () => {
  const applied = recorded();
  applied.forget('ns/m');
  assert.equal(applied.needsApply('ns/m', 'hash', []), true);
});
