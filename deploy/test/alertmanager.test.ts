// The chart's Alertmanager configuration, checked by Alertmanager's own tools built from its Go module
// (deploy/tools/alertmanager.ts): amtool accepts it for every receiver type, routes each severity to its
// receiver, and a real alertmanager process inhibits the ticket of a service that is paged.
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '@podmesh/testkit/processes';
import { parse } from 'yaml';
import { ensureAlertmanager } from '../tools/alertmanager.ts';
import { helmPath } from '../tools/helm.ts';
import { chartDir, deployDir, type Environment, type Manifest, namespace, render } from '../tools/render.ts';
import { find, mustFind } from './manifests.ts';

const exec = promisify(execFile);

const receiverTypes = {
  webhook: { webhook: { url: 'https://hooks.example.com/podmesh' } },
  slack: { slack: { apiUrl: 'https://hooks.slack.com/services/T0/B0/XXXX', channel: '#podmesh' } },
  pagerduty: { pagerduty: { routingKey: 'R0123456789ABCDEF0123456789ABCDE' } },
  email: {
    email: {
      to: 'oncall@example.com',
      from: 'alerts@example.com',
      smarthost: 'smtp.example.com:587',
      authUsername: 'alerts',
      authPassword: 'secret',
    },
  },
};

let amtool: string;
let alertmanager: string;
let scratch: string;
before(async () => {
  ({ amtool, alertmanager } = await ensureAlertmanager());
  scratch = await mkdtemp(join(tmpdir(), 'podmesh-alertmanager-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

const receivers = (page: object, ticket: object = {}) => ({
  monitoring: { alertmanager: { receivers: { page, ticket } } },
});

/** The configuration the chart gives the bundled Alertmanager, written to a file amtool can read. */
async function renderedConfig(
  env: Environment,
  values?: object,
): Promise<{ file: string; text: string; manifests: Manifest[] }> {
  const manifests = await render(env, values);
  const secret = mustFind(manifests, 'Secret', 'alertmanager');
  const text = (secret.stringData as Record<string, string>)['alertmanager.yml'] as string;
  const file = join(scratch, `${env}-${Math.random().toString(36).slice(2)}.yml`);
  await writeFile(file, text);
  return { file, text, manifests };
}

for (const [type, receiver] of Object.entries(receiverTypes)) {
  test(`amtool check-config accepts the configuration with a ${type} receiver`, async () => {
    const { file, text } = await renderedConfig('stage', receivers(receiver, receiver));
    const { stdout } = await exec(amtool, ['check-config', file]);
    assert.match(stdout, /SUCCESS/);
    assert.match(stdout, /- 3 receivers/);
    const config = parse(text);
    const page = config.receivers.find((r: { name: string }) => r.name === 'page');
    assert.ok(page[`${type}_configs`]?.length === 1, `page has a ${type} config`);
  });
}

test('no receiver configured: a valid config whose receivers are all null, and NOTES.txt says so', async () => {
  const { file, text } = await renderedConfig('dev');
  const { stdout } = await exec(amtool, ['check-config', file]);
  assert.match(stdout, /SUCCESS/);
  for (const receiver of parse(text).receivers) assert.deepEqual(Object.keys(receiver), ['name']);
  const notes = async (...set: string[]) => {
    const args = ['install', 'podmesh', chartDir, '-n', namespace, '--dry-run=client'];
    const { stdout } = await exec(helmPath, [
      ...args,
      '--values',
      join(deployDir, 'envs', 'dev.yaml'),
      ...set,
    ]);
    return stdout.slice(stdout.indexOf('NOTES:'));
  };
  assert.match(await notes(), /WARNING: no alert receiver is configured: alerts fire but reach no one/);
  const paged = await notes(
    '--set',
    'monitoring.alertmanager.receivers.page.webhook.url=https://hooks.example.com/',
  );
  assert.match(paged, /WARNING: only page alerts reach someone/);
});

test('amtool config routes test: each severity reaches its receiver, anything else the null one', async () => {
  const { file } = await renderedConfig('prod', receivers(receiverTypes.pagerduty, receiverTypes.email));
  const route = async (...labels: string[]) =>
    (await exec(amtool, ['config', 'routes', 'test', `--config.file=${file}`, ...labels])).stdout.trim();
  assert.equal(await route('severity=page', 'alertname=PodmeshHighErrorRatio', 'service=countries'), 'page');
  assert.equal(await route('severity=ticket', 'alertname=PodmeshHighLatencyP99', 'service=users'), 'ticket');
  assert.equal(await route('severity=info', 'alertname=Other'), 'null');
});

test('stage and prod: 2 Alertmanager replicas in one gossip cluster; Prometheus sends to each', async () => {
  for (const env of ['stage', 'prod'] as const) {
    const manifests = await render(env);
    const statefulSet = mustFind(manifests, 'StatefulSet', 'alertmanager');
    assert.equal(statefulSet.spec.replicas, 2, env);
    const args: string[] = statefulSet.spec.template.spec.containers[0].args;
    for (const i of [0, 1])
      assert.ok(
        args.includes(`--cluster.peer=alertmanager-${i}.alertmanager-cluster.${namespace}.svc:9094`),
        env,
      );
    const config = mustFind(manifests, 'ConfigMap', 'prometheus').data as Record<string, string>;
    const prometheus = parse(config['prometheus.yml'] as string);
    assert.deepEqual(prometheus.alerting.alertmanagers[0].static_configs[0].targets, [
      `alertmanager-0.alertmanager-cluster.${namespace}.svc:9093`,
      `alertmanager-1.alertmanager-cluster.${namespace}.svc:9093`,
    ]);
    assert.equal(mustFind(manifests, 'Deployment', 'kube-state-metrics').spec.replicas, 2, env);
  }
  const dev = mustFind(await render('dev'), 'StatefulSet', 'alertmanager');
  assert.equal(dev.spec.replicas, 1);
  assert.ok(dev.spec.template.spec.containers[0].args.includes('--cluster.listen-address='));
});

test('Managed Prometheus: the managed Alertmanager gets the same configuration, only when asked', async () => {
  assert.equal(find(await render('prod'), 'Secret', 'alertmanager')?.metadata.namespace, namespace);
  const values = {
    ...receivers(receiverTypes.webhook),
    monitoring: { ...receivers(receiverTypes.webhook).monitoring, managedPrometheus: { alertmanager: true } },
  };
  const manifests = await render('prod', values);
  const managed = manifests.find(
    (m) => m.kind === 'Secret' && m.metadata.name === 'alertmanager' && m.metadata.namespace === 'gmp-public',
  );
  assert.ok(managed, 'the alertmanager Secret in gmp-public');
  const bundled = mustFind(manifests, 'Secret', 'alertmanager');
  const data = (secret: Manifest) => secret.stringData as Record<string, string>;
  assert.equal(data(managed)['alertmanager.yaml'], data(bundled)['alertmanager.yml']);
});

// A real alertmanager with the chart's routes, a webhook receiver run here, and short group waits.
interface Notification {
  receiver: string;
  status: string;
  alerts: Array<{ labels: Record<string, string>; annotations: Record<string, string> }>;
}

test('a real alertmanager: a page inhibits the ticket of the same service, not of another', async () => {
  const received: Notification[] = [];
  const hook: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push(JSON.parse(body));
      response.end();
    });
  });
  const hookPort = await freePort();
  hook.listen(hookPort, '127.0.0.1');
  const url = `http://127.0.0.1:${hookPort}/`;
  const { file } = await renderedConfig('dev', {
    monitoring: {
      alertmanager: {
        groupWait: '1s',
        groupInterval: '1s',
        receivers: { page: { webhook: { url: `${url}page` } }, ticket: { webhook: { url: `${url}ticket` } } },
      },
    },
  });
  const webPort = await freePort();
  const child: ChildProcess = spawn(
    alertmanager,
    [
      `--config.file=${file}`,
      `--storage.path=${join(scratch, 'data')}`,
      `--web.listen-address=127.0.0.1:${webPort}`,
      '--cluster.listen-address=',
    ],
    { stdio: 'ignore' },
  );
  try {
    const api = `http://127.0.0.1:${webPort}/api/v2/alerts`;
    const alert = (alertname: string, service: string, severity: string) => ({
      labels: { alertname, service, severity },
      annotations: { runbook_url: `https://runbooks.example/${alertname}.md` },
    });
    const alerts = [
      alert('PodmeshHighErrorRatio', 'countries', 'page'),
      alert('PodmeshHighLatencyP99', 'countries', 'ticket'), // inhibited: countries is paged
      alert('PodmeshHighLatencyP99', 'users', 'ticket'),
    ];
    const deadline = Date.now() + 20_000;
    let posted = false;
    while (!posted && Date.now() < deadline) {
      posted = await fetch(api, {
        method: 'POST',
        body: JSON.stringify(alerts),
        headers: { 'content-type': 'application/json' },
      })
        .then((response) => response.ok)
        .catch(() => false);
      if (!posted) await sleep(200);
    }
    assert.ok(posted, 'alertmanager accepted the alerts');
    // Inhibition is decided before notifying: wait until both expected notifications are in, then a few
    // group intervals more for one that should never come.
    while (received.length < 2 && Date.now() < deadline) await sleep(100);
    await sleep(3000);
    const got = received.flatMap((n) =>
      n.alerts.map((a) => `${n.receiver} ${a.labels.alertname} ${a.labels.service}`),
    );
    assert.deepEqual([...new Set(got)].sort(), [
      'page PodmeshHighErrorRatio countries',
      'ticket PodmeshHighLatencyP99 users',
    ]);
    const page = received.find((n) => n.receiver === 'page');
    assert.equal(
      page?.alerts[0]?.annotations.runbook_url,
      'https://runbooks.example/PodmeshHighErrorRatio.md',
    );
  } finally {
    child.kill('SIGKILL');
    hook.close();
  }
});
