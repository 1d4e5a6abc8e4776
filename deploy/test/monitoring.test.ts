// Alerts, their unit tests, the Prometheus configuration the chart renders and the dashboard's queries are
// all checked by promtool; the dashboard and alerts may only use metric names docs/contracts.md fixes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { findPromtool } from '../tools/promtool.ts';
import { chartDir, deployDir, namespace, render } from '../tools/render.ts';
import { mustFind } from './manifests.ts';
import { parseExposition, seriesKey } from './metrics/exposition.ts';
import { fixtureSeries, readFixture } from './metrics/fixture.ts';

const exec = promisify(execFile);
const alertsFile = join(chartDir, 'files', 'alerts.yaml');
const dashboardFile = join(chartDir, 'files', 'dashboards', 'podmesh-red.json');
const runbooksDir = join(deployDir, '..', 'docs', 'runbooks');
const defaultRunbooks = 'https://github.com/podmesh/podmesh/blob/main/docs/runbooks';

interface AlertRules {
  groups: Array<{ name: string; rules: Array<{ alert: string; annotations: Record<string, string> }> }>;
}

const alertRules = async (): Promise<AlertRules> => parse(await readFile(alertsFile, 'utf8'));

/** The alerts file as the chart renders it: each alert with `runbook_url` <base>/<alert>.md added. */
async function alertsWithRunbooks(base: string): Promise<AlertRules> {
  const rules = await alertRules();
  for (const rule of rules.groups.flatMap((group) => group.rules)) {
    rule.annotations.runbook_url = `${base}/${rule.alert}.md`;
  }
  return rules;
}

// docs/contracts.md "Metric names", plus kube-state-metrics' and Prometheus's own.
const knownMetrics = new Set([
  'http_requests_total',
  'http_request_duration_seconds_bucket',
  'grpc_server_handled_total',
  'grpc_server_handling_seconds_bucket',
  'grpc_client_handled_total',
  'podmesh_reconcile_total',
  'kube_pod_status_ready',
  'up',
]);

let promtool: string;
let scratch: string;
before(async () => {
  const found = findPromtool();
  assert.ok(found, 'promtool is installed (.ci/install-deploy-deps.sh)');
  promtool = found;
  scratch = await mkdtemp(join(tmpdir(), 'podmesh-promtool-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

/** Metric names in a PromQL expression: identifiers followed by `{`, `[` or a space, not functions or labels. */
function metricNames(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  const names = withoutStrings.match(/\b[a-z_][a-z0-9_]*(?=\s*[{[])/g) ?? [];
  return names.filter((name) => !['by', 'without', 'on', 'ignoring'].includes(name));
}

test('promtool check rules: the alerts file is valid', async () => {
  const { stdout } = await exec(promtool, ['check', 'rules', alertsFile]);
  assert.match(stdout, /SUCCESS: 6 rules found/);
});

test('promtool test rules: every alert fires on its failure and ignores its look-alikes', async () => {
  const { stdout, stderr } = await exec(promtool, [
    'test',
    'rules',
    join(deployDir, 'test', 'rules', 'alerts.test.yaml'),
  ]);
  assert.match(stdout + stderr, /SUCCESS/);
});

// Metrics no podmesh service exports, so not in the fixture; their labels come from elsewhere.
const seriesOutsideFixture: Record<string, string> = {
  kube_pod_status_ready: 'kube-state-metrics',
  up: 'Prometheus itself, labels from the podmesh-pods relabelling',
  podmesh_reconcile_total: 'the operator, which needs an API server (operator/src/metrics.ts)',
};

test('every input series of the rule tests is one the services export (deploy/test/metrics/fixture.json)', async () => {
  const exported = fixtureSeries(await readFixture());
  const tests = parse(await readFile(join(deployDir, 'test', 'rules', 'alerts.test.yaml'), 'utf8'));
  let checked = 0;
  for (const { name, input_series: inputs } of tests.tests) {
    for (const { series } of inputs as Array<{ series: string }>) {
      const [parsed] = parseExposition(`${series} 0`);
      assert.ok(parsed, series);
      if (parsed.name in seriesOutsideFixture) continue;
      assert.ok(exported.has(seriesKey(parsed)), `"${name}": ${series} is not a series any service exports`);
      checked++;
    }
  }
  assert.ok(checked >= 15, `${checked} series checked`);
});

test('every alert has a test, and uses only known metric names', async () => {
  const alerts = await readFile(alertsFile, 'utf8');
  const tests = await readFile(join(deployDir, 'test', 'rules', 'alerts.test.yaml'), 'utf8');
  for (const [, name] of alerts.matchAll(/- alert: (\w+)/g)) {
    assert.match(tests, new RegExp(`alertname: ${name}\\b`), `${name} is unit-tested`);
  }
  for (const [, expr] of alerts.matchAll(/expr: \|?\n?([\s\S]*?)\n\s+for:/g)) {
    for (const name of metricNames(expr as string))
      assert.ok(knownMetrics.has(name), `${name} is a known metric`);
  }
});

test('the dashboard is valid Grafana JSON whose every query parses and names known metrics', async () => {
  const dashboard = JSON.parse(await readFile(dashboardFile, 'utf8'));
  assert.equal(dashboard.uid, 'podmesh-red');
  const exprs: string[] = dashboard.panels.flatMap(
    (panel: { targets?: Array<{ expr: string }> }) => panel.targets?.map((t) => t.expr) ?? [],
  );
  assert.ok(exprs.length >= 8);
  const used = new Set(exprs.flatMap(metricNames));
  for (const required of [
    'http_requests_total',
    'http_request_duration_seconds_bucket',
    'grpc_server_handled_total',
  ]) {
    assert.ok(used.has(required), `the dashboard shows ${required}`);
  }
  for (const name of used) assert.ok(knownMetrics.has(name), `${name} is a known metric`);
  // Grafana variables substituted as Grafana would, then each query checked as a recording rule.
  const rules = exprs.map((expr, index) => ({
    record: `podmesh:dashboard_query_${index}`,
    expr: expr.replaceAll('$__rate_interval', '1m').replaceAll('$service', '.*'),
  }));
  const file = join(scratch, 'dashboard-queries.yaml');
  await writeFile(file, stringify({ groups: [{ name: 'dashboard', rules }] }));
  const { stdout } = await exec(promtool, ['check', 'rules', file]);
  assert.match(stdout, new RegExp(`SUCCESS: ${rules.length} rules found`));
});

// Debian's promtool is built without Kubernetes service discovery, so in the copy it checks each
// `kubernetes_sd_configs` block becomes an empty static list; everything else (relabelling regexes, jobs, rule
// files, durations) is checked as Prometheus will read it. The discovery block is asserted field by field.
test('promtool check config: the rendered Prometheus configuration and its rules load', async () => {
  const manifests = await render('stage');
  const config = mustFind(manifests, 'ConfigMap', 'prometheus').data as Record<string, string>;
  const prometheusYml = parse(config['prometheus.yml'] as string);
  const [podsJob] = prometheusYml.scrape_configs;
  assert.equal(podsJob.job_name, 'podmesh-pods');
  assert.deepEqual(podsJob.kubernetes_sd_configs, [{ role: 'pod', namespaces: { names: [namespace] } }]);
  for (const job of prometheusYml.scrape_configs) {
    if (job.kubernetes_sd_configs === undefined) continue;
    delete job.kubernetes_sd_configs;
    job.static_configs = [{ targets: [] }];
  }
  // The pod mounts the ConfigMap at /etc/prometheus; here the same files sit in the scratch directory.
  prometheusYml.rule_files = ['alerts.yaml'];
  await writeFile(join(scratch, 'alerts.yaml'), config['alerts.yaml'] as string);
  await writeFile(join(scratch, 'prometheus.yml'), stringify(prometheusYml));
  const { stdout } = await exec(promtool, ['check', 'config', join(scratch, 'prometheus.yml')]);
  assert.match(stdout, /SUCCESS: .*prometheus\.yml is valid prometheus config file syntax/);
  assert.match(stdout, /SUCCESS: 6 rules found/);
  assert.deepEqual(parse(config['alerts.yaml'] as string), await alertsWithRunbooks(defaultRunbooks));
});

test('GKE Managed Prometheus scrapes the same pods under the same job name, with the same alerts', async () => {
  const manifests = await render('prod');
  const podMonitoring = mustFind(manifests, 'PodMonitoring', 'podmesh-pods');
  assert.deepEqual(podMonitoring.spec.endpoints, [{ port: 'http', path: '/metrics', interval: '15s' }]);
  assert.equal(podMonitoring.spec.selector.matchLabels['app.kubernetes.io/component'], 'service');
  const rules = mustFind(manifests, 'Rules', 'podmesh');
  const bundled = await alertsWithRunbooks(defaultRunbooks);
  assert.deepEqual(rules.spec, bundled);
  assert.match(
    JSON.stringify(bundled),
    /job=\\"podmesh-pods\\"/,
    'the alerts name the job PodMonitoring defines',
  );
});

test('every alert links to its runbook, which says what it means and what to do', async () => {
  const alerts = (await alertRules()).groups.flatMap((group) => group.rules.map((rule) => rule.alert));
  const runbooks = (await readdir(runbooksDir)).filter((file) => file !== 'README.md');
  assert.deepEqual(
    runbooks.sort(),
    alerts.map((alert) => `${alert}.md`).sort(),
    'one runbook per alert, no more',
  );
  const index = await readFile(join(runbooksDir, 'README.md'), 'utf8');
  for (const alert of alerts) {
    const runbook = await readFile(join(runbooksDir, `${alert}.md`), 'utf8');
    assert.match(runbook, new RegExp(`^# ${alert}\\n`), `${alert}.md is titled by its alert`);
    for (const section of ['Meaning', 'Impact', 'Diagnosis', 'Mitigation']) {
      assert.match(runbook, new RegExp(`^## ${section}$`, 'm'), `${alert}.md has a ${section} section`);
    }
    assert.ok(index.includes(`(${alert}.md)`), `the runbooks index links ${alert}`);
  }
});

test("the runbook links follow monitoring.runbookBaseUrl, a fork's own copy", async () => {
  const base = 'https://git.example.com/ops/podmesh/-/blob/main/docs/runbooks';
  const manifests = await render('prod', { monitoring: { runbookBaseUrl: base } });
  const config = mustFind(manifests, 'ConfigMap', 'prometheus').data as Record<string, string>;
  assert.deepEqual(parse(config['alerts.yaml'] as string), await alertsWithRunbooks(base));
  assert.deepEqual(mustFind(manifests, 'Rules', 'podmesh').spec, await alertsWithRunbooks(base));
  await assert.rejects(
    render('prod', { monitoring: { runbookBaseUrl: `${base}/` } }),
    /runbookBaseUrl/,
    'a trailing slash would make every link …//<alert>.md',
  );
});

test('monitoring.prometheus.extraNamespaces: discovery lists them, with a Role in each and nothing cluster-wide', async () => {
  const manifests = await render('dev', {
    monitoring: { prometheus: { extraNamespaces: ['podmesh-system'] } },
  });
  const config = mustFind(manifests, 'ConfigMap', 'prometheus').data as Record<string, string>;
  const [podsJob] = parse(config['prometheus.yml'] as string).scrape_configs;
  assert.deepEqual(podsJob.kubernetes_sd_configs, [
    { role: 'pod', namespaces: { names: [namespace, 'podmesh-system'] } },
  ]);
  for (const where of [namespace, 'podmesh-system']) {
    const role = manifests.find(
      (m) => m.kind === 'Role' && m.metadata.name === 'prometheus' && m.metadata.namespace === where,
    );
    assert.deepEqual(role?.rules, [
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
    ]);
    const binding = manifests.find(
      (m) => m.kind === 'RoleBinding' && m.metadata.name === 'prometheus' && m.metadata.namespace === where,
    );
    assert.deepEqual(binding?.subjects, [{ kind: 'ServiceAccount', name: 'prometheus', namespace }]);
  }
  assert.ok(!manifests.some((m) => m.kind.startsWith('Cluster')), 'no ClusterRole or ClusterRoleBinding');
  await assert.rejects(
    render('dev', { monitoring: { prometheus: { extraNamespaces: ['Not_A_Namespace'] } } }),
    /extraNamespaces/,
  );
});
