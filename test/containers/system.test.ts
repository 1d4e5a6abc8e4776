// Small systems of containers on a podman network, reached from the host only through published loopback
// ports: countries balancing over two users replicas found by one DNS name, and counter keeping its count
// in kv across a kv container replaced on the same named volume.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  inspect,
  logLines,
  removeContainers,
  runContainer,
  stopWithSigterm,
  waitForOk,
} from './containers.ts';
import { engine, serviceTargets, targetNamed, testImage } from './testImages.ts';

const suffix = `${process.pid}`;
const network = `podmesh-test-${suffix}`;
const made: string[] = [];
const has = (name: string) => serviceTargets.some((target) => target.name === name);

before(async () => {
  await engine.run(['network', 'create', network]);
});

after(async () => {
  await removeContainers(engine, made);
  await engine.result(['network', 'rm', '--force', network]);
  await engine.result(['volume', 'rm', '--force', `podmesh-test-kv-${suffix}`]);
});

async function start(
  service: string,
  replica: string,
  options: Parameters<typeof runContainer>[1] extends infer O ? Partial<O> : never,
) {
  const { imageId } = await testImage(targetNamed(service));
  const name = `podmesh-test-${service}-${replica}-${suffix}`;
  made.push(name);
  const container = await runContainer(engine, { name, image: imageId, network, alias: service, ...options });
  return container;
}

describe('users ×2 + countries on one network', {
  skip: !(has('users') && has('countries')) && 'no users or countries image target',
}, () => {
  test('countries answers from the host, balancing over both users found by one DNS name', async () => {
    const users = [await start('users', '0', {}), await start('users', '1', {})];
    const addresses = await Promise.all(
      users.map((user) =>
        inspect(engine, user.name, `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`),
      ),
    );

    // The network's DNS (aardvark-dns) answers the one alias with every container that carries it.
    const { imageId } = await testImage(targetNamed('countries'));
    const lookup = await engine.run([
      'run',
      '--rm',
      ...engine.containerFlags,
      '--network',
      network,
      imageId,
      '-e',
      "require('node:dns').promises.lookup('users', { all: true }).then((a) => console.log(JSON.stringify(a.map((x) => x.address))))",
    ]);
    assert.deepEqual((JSON.parse(lookup) as string[]).sort(), [...addresses].sort());

    for (const user of users) await waitForUp(user.name);
    const countries = await start('countries', '0', {
      publish: true,
      env: { USERS_TARGET: 'dns:///users:8080' },
    });
    await waitForOk(engine, countries.name, `${countries.url}/readyz`);

    for (let request = 0; request < 20; request++) {
      const response = await fetch(`${countries.url}/countries?user_id=1`, {
        signal: AbortSignal.timeout(5000),
      });
      assert.equal(response.status, 200);
      const body = (await response.json()) as { user_id: string; name: string; country: string };
      assert.equal(body.user_id, '1');
      assert.match(body.name, /^\S+ \S+/);
      assert.ok(body.country.length > 0);
    }
    // Balanced per request: both replicas served some of the 20 calls.
    for (const user of users) {
      const served = (await logLines(engine, user.name)).filter((line) => line.route === '/users/:user_id');
      assert.ok(served.length > 0, `${user.name} served none of the requests`);
    }
  });
});

/** Ready as seen from inside the network: the container runs and logged "<service> ready". */
async function waitForUp(name: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await logLines(engine, name)).some((line) => /^\w+ ready$/.test(String(line.message)))) return;
    await sleep(100);
  }
  throw new Error(`${name} not ready after ${timeoutMs} ms`);
}

describe('counter + kv keep the count across a kv restart', {
  skip: !(has('counter') && has('kv')) && 'no counter or kv image target',
}, () => {
  test('the count survives kv being replaced on the same volume', async (t) => {
    const volume = `podmesh-test-kv-${suffix}:/data`;
    const kvOptions = { volumes: [volume], env: { KV_DATA_DIR: '/data' } };
    const kv = await start('kv', '0', kvOptions);
    await waitForUp(kv.name);
    const counter = await start('counter', '0', { publish: true, env: { KV_TARGET: 'dns:///kv:9090' } });
    await waitForOk(engine, counter.name, `${counter.url}/readyz`);

    const post = async () => {
      const response = await fetch(`${counter.url}/`, { method: 'POST', signal: AbortSignal.timeout(5000) });
      assert.equal(response.status, 200, await response.clone().text());
      return ((await response.json()) as { post_requests: number }).post_requests;
    };
    assert.deepEqual([await post(), await post(), await post()], [1, 2, 3]);

    const stopped = await stopWithSigterm(engine, kv.name);
    assert.equal(stopped.exitCode, 0);
    await engine.run(['rm', kv.name]);
    const kvAgain = await start('kv', '1', kvOptions);
    await waitForUp(kvAgain.name);

    // Reads until counter has reconnected to the new kv (a new address behind the same name). grpc-js
    // re-resolves a name at most every 30 s by default, so this can take that long.
    const replacedAt = Date.now();
    const deadline = replacedAt + 60_000;
    let count: number | undefined;
    while (count === undefined && Date.now() < deadline) {
      const response = await fetch(`${counter.url}/`, { signal: AbortSignal.timeout(5000) }).catch(
        () => undefined,
      );
      if (response?.status === 200)
        count = ((await response.json()) as { post_requests: number }).post_requests;
      else await sleep(200);
    }
    assert.equal(count, 3, 'the count read back after kv was replaced');
    t.diagnostic(`counter read the count from the new kv ${Date.now() - replacedAt} ms after it was ready`);
    assert.equal(await post(), 4);
  });
});
