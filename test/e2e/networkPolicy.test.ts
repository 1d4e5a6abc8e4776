// NetworkPolicy: users accepts calls only from countries. Only a CNI that enforces policies can prove it; the
// test node's CNI (bridge) does not, and the test says so instead of passing silently (docs/testing.md).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kubectl, requireEnvironment } from './support/environment.ts';
import { podsOf } from './support/pods.ts';

// Outside `npm run e2e` this file fails, saying how to run it (a skip would pass with 0 tests).
requireEnvironment();

/** Plugin types of the node's CNI network (its conflist under the cluster's state directory). */
function cniPluginTypes(): string[] {
  const dir = join(process.env.PODMESH_CLUSTER_DIR ?? '', 'node', 'cni', 'net.d');
  const file = readdirSync(dir).find((name) => name.endsWith('.conflist'));
  if (!file) return [];
  const config = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { plugins: { type: string }[] };
  return config.plugins.map((plugin) => plugin.type);
}

const enforcing = ['calico', 'cilium', 'antrea'];

describe('NetworkPolicy on the real node', () => {
  it('the chart installed its policies', async () => {
    const names = (await kubectl(['get', 'networkpolicy', '-o', 'name'])).split('\n').filter(Boolean);
    assert.ok(
      names.some((name) => name.includes('users')),
      `a policy guards users (${names.join(', ')})`,
    );
  });

  it('users refuses a call from a pod that is not countries', async (t) => {
    const types = cniPluginTypes();
    if (!types.some((type) => enforcing.includes(type))) {
      const message = `not enforced: this node's CNI (${types.join(' + ')}) does not implement NetworkPolicy; GKE Dataplane V2 does (docs/testing.md)`;
      console.log(`[e2e] NetworkPolicy ${message}`);
      t.skip(message);
      return;
    }
    const [counter] = await podsOf('counter');
    const script =
      "fetch('http://users:8080/users/1',{signal:AbortSignal.timeout(3000)}).then(r=>console.log(r.status),e=>console.log('blocked',e.name))";
    const output = await kubectl([
      'exec',
      counter?.metadata?.name as string,
      '--',
      '/nodejs/bin/node',
      '-e',
      script,
    ]);
    assert.match(output, /blocked/);
  });
});
