// The chart's alerts fired for real: a real Prometheus (built from its Go module, as the e2e run uses it)
// scrapes the services running as local processes and evaluates the chart's rules (as the dev release
// renders them, runbook links included; only `for:` shortened to 10 s); a real Alertmanager with the chart's
// routes delivers to a webhook this test runs. Each alert: cause → firing in Prometheus → delivered → resolved
// after the cause is removed, each wait bounded, the times printed (docs/runbooks/README.md).
// Not covered here: the alerts that need Kubernetes (PodmeshPodNotReady, PodmeshReconcileErrors), and
// PodmeshHighLatencyP99, whose cause (a dependency that answers slowly but in time) no service can be asked for
// yet — a hanging dependency ends in 504s, whose page inhibits the latency ticket of the same service.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { stringify } from 'yaml';
import { ensurePrometheus } from '../../../test/e2e/monitoring/binaries.ts';
import { ensureAlertmanager } from '../../tools/alertmanager.ts';
import { render } from '../../tools/render.ts';
import { mustFind } from '../manifests.ts';

interface Notification {
  receiver: string;
  alerts: Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string> }>;
}

const quiet = { LOG_LEVEL: 'error' };
const children: ChildProcess[] = [];
const services: Array<ServiceProcess | undefined> = [];
const notifications: Array<{ at: number; notification: Notification }> = [];
let scratch: string;
let prometheusUrl: string;
let users: ServiceProcess;
let countries: ServiceProcess;
let kv: ServiceProcess;
let counter: ServiceProcess;
let demo: ServiceProcess;
let closeHook = () => {};

async function startLocal(name: string, options: Parameters<typeof startService>[1] = {}) {
  const service = await startService(name, { ...options, env: { ...quiet, ...options.env } });
  services.push(service);
  return service;
}

before(async () => {
  const [prometheus, { alertmanager }] = [await ensurePrometheus(), await ensureAlertmanager()];
  scratch = await mkdtemp(join(tmpdir(), 'podmesh-firing-'));
  users = await startLocal('users');
  countries = await startLocal('countries', { env: { USERS_TARGET: `ipv4:127.0.0.1:${users.httpPort}` } });
  kv = await startLocal('kv', { env: { KV_DATA_DIR: join(scratch, 'kv') } });
  counter = await startLocal('counter', { env: { KV_TARGET: `ipv4:127.0.0.1:${kv.grpcPort}` } });
  demo = await startLocal('demo', { env: { ERROR_PROBABILITY: '0' } });

  const hook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      notifications.push({ at: Date.now(), notification: JSON.parse(body) });
      response.end();
    });
  });
  const hookPort = await freePort();
  hook.listen(hookPort, '127.0.0.1');
  closeHook = () => hook.close();

  // The chart's own configurations, as the dev release renders them.
  const hookUrl = `http://127.0.0.1:${hookPort}/`;
  const manifests = await render('dev', {
    monitoring: {
      alertmanager: {
        groupWait: '1s',
        groupInterval: '2s',
        receivers: { page: { webhook: { url: hookUrl } }, ticket: { webhook: { url: hookUrl } } },
      },
    },
  });
  const amConfig = (mustFind(manifests, 'Secret', 'alertmanager').stringData as Record<string, string>)[
    'alertmanager.yml'
  ] as string;
  const rules = (mustFind(manifests, 'ConfigMap', 'prometheus').data as Record<string, string>)[
    'alerts.yaml'
  ];
  await writeFile(join(scratch, 'alertmanager.yml'), amConfig);
  await writeFile(join(scratch, 'alerts.yaml'), (rules as string).replace(/^(\s+for:) \d+m$/gm, '$1 10s'));
  const amPort = await freePort();
  children.push(
    spawn(
      alertmanager,
      [
        `--config.file=${join(scratch, 'alertmanager.yml')}`,
        `--storage.path=${join(scratch, 'am')}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        '--cluster.listen-address=',
      ],
      { stdio: 'ignore' },
    ),
  );
  const target = (service: ServiceProcess) => ({
    targets: [`127.0.0.1:${service.httpPort}`],
    labels: { app: service.name, pod: `${service.name}-0`, namespace: 'podmesh' },
  });
  const promPort = await freePort();
  await writeFile(
    join(scratch, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [join(scratch, 'alerts.yaml')],
      alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
      // The chart's job name: the alerts select on it.
      scrape_configs: [
        { job_name: 'podmesh-pods', static_configs: [users, countries, kv, counter, demo].map(target) },
      ],
    }),
  );
  children.push(
    spawn(
      prometheus,
      [
        `--config.file=${join(scratch, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(scratch, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      { stdio: 'ignore' },
    ),
  );
  prometheusUrl = `http://127.0.0.1:${promPort}`;
  await waitFor('Prometheus ready', async () => (await fetch(`${prometheusUrl}/-/ready`)).ok, isTrue, {
    timeoutMs: 30_000,
  });
});

after(async () => {
  closeHook();
  for (const child of children) child.kill('SIGKILL');
  await stopAll(services);
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Requests in a few parallel loops until `stop()` says so, bounded by `max` requests. */
async function load(
  url: string,
  method: string,
  stop: () => boolean,
  max: number,
  { loops = 4, pauseMs = 0 } = {},
): Promise<number> {
  let sent = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (!stop() && sent < max) {
        sent++;
        if (pauseMs > 0) await sleep(pauseMs);
        await fetch(url, { method, signal: AbortSignal.timeout(5000) })
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
      }
    }),
  );
  return sent;
}

const key = (labels: Record<string, string>) => `${labels.alertname}/${labels.service ?? labels.pod}`;

async function prometheusFiring(): Promise<Set<string>> {
  const answer = (await (await fetch(`${prometheusUrl}/api/v1/alerts`)).json()) as {
    data: { alerts: Array<{ state: string; labels: Record<string, string> }> };
  };
  return new Set(
    answer.data.alerts.filter((alert) => alert.state === 'firing').map((alert) => key(alert.labels)),
  );
}

function delivered(alert: string, status: 'firing' | 'resolved') {
  for (const { at, notification } of notifications) {
    const match = notification.alerts.find((a) => key(a.labels) === alert && a.status === status);
    if (match) return { at, receiver: notification.receiver, alert: match };
  }
  return undefined;
}

const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;

test('each alert: cause → firing in Prometheus → delivered with its runbook → resolved', {
  timeout: 600_000,
}, async () => {
  const expected = {
    'PodmeshHighErrorRatio/countries': 'page',
    'PodmeshHighErrorRatio/counter': 'page',
    'PodmeshGrpcErrorRatio/counter': 'page',
    'PodmeshScrapeTargetDown/demo-0': 'ticket',
  } as const;
  const alerts = Object.keys(expected);
  // Causes: users is gone (countries answers 503), kv is gone (counter's gRPC calls fail, it answers 503),
  // demo is gone (its target is down). Errors are paced, so that good traffic can dilute them afterwards.
  const causedAt = Date.now();
  await users.stop('SIGKILL');
  await kv.stop('SIGKILL');
  await demo.stop('SIGKILL');
  const firingAt: Record<string, number> = {};
  let allDelivered = false;
  const errors = Promise.all([
    load(`${countries.url}/countries?user_id=1234`, 'GET', () => allDelivered, 2000, {
      loops: 1,
      pauseMs: 100,
    }),
    load(`${counter.url}/`, 'POST', () => allDelivered, 2000, { loops: 1, pauseMs: 100 }),
  ]);
  try {
    await waitFor(
      'every alert firing in Prometheus and delivered',
      async () => {
        const firing = await prometheusFiring();
        for (const alert of firing) firingAt[alert] ??= Date.now();
        const missing = alerts.filter((alert) => !(firingAt[alert] && delivered(alert, 'firing')));
        if (missing.length === 0) return true;
        throw new Error(
          `not yet firing and delivered: ${missing.join(', ')}; firing now: ${[...firing].join(', ')}; ` +
            `notifications: ${notifications.length}`,
        );
      },
      isTrue,
      { timeoutMs: 120_000, intervalMs: 500 },
    );
  } finally {
    allDelivered = true;
    await errors;
  }
  for (const alert of alerts) {
    const got = delivered(alert, 'firing');
    assert.equal(got?.receiver, expected[alert as keyof typeof expected], `${alert} routed by severity`);
    const name = alert.split('/')[0];
    assert.match(got?.alert.annotations.runbook_url ?? '', new RegExp(`/docs/runbooks/${name}\\.md$`), alert);
  }

  // Removed: users answers again, kv and demo come back on their ports; good traffic dilutes the 5-minute rates.
  const removedAt = Date.now();
  users = await startLocal('users', { httpPort: users.httpPort, grpcPort: users.grpcPort });
  kv = await startLocal('kv', {
    httpPort: kv.httpPort,
    grpcPort: kv.grpcPort,
    env: { KV_DATA_DIR: join(scratch, 'kv') },
  });
  demo = await startLocal('demo', { httpPort: demo.httpPort, env: { ERROR_PROBABILITY: '0' } });
  let allResolved = false;
  const good = Promise.all([
    load(`${countries.url}/countries?user_id=1234`, 'GET', () => allResolved, 40_000),
    load(`${counter.url}/`, 'POST', () => allResolved, 40_000, { loops: 2 }),
  ]);
  try {
    await waitFor(
      'every alert resolved and the resolution delivered',
      async () => {
        const missing = alerts.filter((alert) => !delivered(alert, 'resolved'));
        if (missing.length === 0) return true;
        throw new Error(
          `not yet resolved: ${missing.join(', ')}; firing now: ${[...(await prometheusFiring())].join(', ')}`,
        );
      },
      isTrue,
      {
        timeoutMs: 240_000,
        intervalMs: 500,
      },
    );
  } finally {
    allResolved = true;
    await good;
  }
  console.log('| alert | receiver | cause → firing | cause → delivered | removed → resolved delivered |');
  console.log('|---|---|---|---|---|');
  for (const alert of alerts) {
    const fired = delivered(alert, 'firing');
    const resolved = delivered(alert, 'resolved');
    console.log(
      `| ${alert} | ${fired?.receiver} | ${seconds(causedAt, firingAt[alert] as number)} | ${seconds(causedAt, fired?.at as number)} | ${seconds(removedAt, resolved?.at as number)} |`,
    );
  }
});
