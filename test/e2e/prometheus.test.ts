// demo's metrics scraped by the Prometheus the chart deploys: requests sent to demo show up in
// http_server_resp_time_count through Prometheus' HTTP API, every demo pod is an `up` target, so is the operator
// in podmesh-system, kube-state-metrics is scraped too and the alert rules are loaded, each with its runbook.
// Prometheus and kube-state-metrics are the real servers, built from their Go modules (test/e2e/monitoring/,
// docs/testing.md).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { isPresent, waitFor } from '@podmesh/testkit/waitFor';
import { probe } from '../cluster/probe.ts';
import { activeAlertmanagers, activeTargets, query, ruleGroups } from './monitoring/query.ts';
import { kubectlJson, requireEnvironment } from './support/environment.ts';
import { podsOf, waitForReadyPods } from './support/pods.ts';
import { type PortForward, portForward } from './support/portForward.ts';
import { clusterUrl } from './support/services.ts';

// Outside `npm run e2e` this file fails, saying how to run it (a skip would pass with 0 tests).
requireEnvironment();

// The chart's scrape job for every annotated pod; `app` comes from the pod's app.kubernetes.io/name.
const demoHello = 'http_server_resp_time_count{job="podmesh-pods", app="demo", path="/demo/hello"}';
// Three scrape intervals of the chart (15 s) and the time a new target needs to be discovered.
const scrapeDeadlineMs = 90_000;

describe('Prometheus scrapes demo on the real node', () => {
  let forward: PortForward;
  let prometheus: string;
  before(async () => {
    await waitForReadyPods('prometheus', 1);
    forward = await portForward('svc/prometheus', 9090);
    prometheus = `http://127.0.0.1:${forward.port}`;
  });
  after(() => forward?.close());

  it('counts the requests sent to demo in http_server_resp_time_count', async () => {
    const total = async () =>
      (await query(prometheus, `sum(${demoHello})`)).reduce((sum, sample) => sum + sample.value, 0);
    const before_ = await total();
    const demo = await clusterUrl('demo');
    const requests = 40;
    for (let i = 0; i < requests; i++) {
      const { status } = await probe(`${demo}/demo/hello`);
      assert.equal(status, 200);
    }
    const started = Date.now();
    const seen = await waitFor(
      `Prometheus to count ${requests} more /demo/hello requests than ${before_}`,
      async () => {
        const now = await total();
        return now >= before_ + requests ? now : undefined;
      },
      isPresent,
      { timeoutMs: scrapeDeadlineMs, intervalMs: 2_000 },
    );
    console.log(
      `[e2e] Prometheus: ${demoHello} went ${before_} → ${seen} ` +
        `(${requests} sent), seen ${((Date.now() - started) / 1000).toFixed(1)} s after the last one`,
    );
  });

  it('has every demo pod as an `up` target of the podmesh-pods job', async () => {
    const pods = (await podsOf('demo')).map((pod) => pod.metadata?.name as string).sort();
    assert.ok(pods.length > 0, 'demo has pods');
    const targets = await waitFor(
      `a healthy target for each demo pod (${pods.join(', ')})`,
      async () => {
        const demo = (await activeTargets(prometheus)).filter(
          (target) => target.scrapePool === 'podmesh-pods' && target.labels.app === 'demo',
        );
        const healthy = demo.filter((target) => target.health === 'up').map((target) => target.labels.pod);
        return pods.every((pod) => healthy.includes(pod)) ? demo : undefined;
      },
      isPresent,
      { timeoutMs: scrapeDeadlineMs, intervalMs: 2_000 },
    );
    const up = await query(prometheus, 'up{job="podmesh-pods", app="demo"}');
    for (const pod of pods) {
      assert.equal(up.find((sample) => sample.metric.pod === pod)?.value, 1, `up for ${pod}`);
    }
    console.log(`[e2e] Prometheus: ${targets.length} demo target(s) up: ${pods.join(', ')}`);
  });

  it('scrapes the PeerMesh operator in podmesh-system too (monitoring.prometheus.extraNamespaces)', async () => {
    const operators = await kubectlJson<{ items: V1Pod[] }>([
      'get',
      'pods',
      '--namespace=podmesh-system',
      '-l',
      'app.kubernetes.io/name=podmesh-operator',
    ]);
    const pods = operators.items.map((pod) => pod.metadata?.name as string).sort();
    assert.ok(pods.length > 0, 'the operator runs');
    const up = await waitFor(
      `up for every operator pod (${pods.join(', ')})`,
      async () => {
        const samples = await query(prometheus, 'up{job="podmesh-pods", namespace="podmesh-system"}');
        return pods.every((pod) => samples.find((sample) => sample.metric.pod === pod)?.value === 1)
          ? samples
          : undefined;
      },
      isPresent,
      { timeoutMs: scrapeDeadlineMs, intervalMs: 2_000 },
    );
    console.log(`[e2e] Prometheus: ${up.length} operator target(s) up in podmesh-system: ${pods.join(', ')}`);
  });

  it('scrapes kube-state-metrics (demo replicas) and has loaded the alert rules', async () => {
    await waitForReadyPods('kube-state-metrics', 1);
    const replicas = await waitFor(
      'kube_deployment_status_replicas_available for demo',
      async () => {
        const [sample] = await query(
          prometheus,
          'kube_deployment_status_replicas_available{job="kube-state-metrics", deployment="demo"}',
        );
        return sample?.value;
      },
      isPresent,
      { timeoutMs: scrapeDeadlineMs, intervalMs: 2_000 },
    );
    assert.ok(replicas >= 1, `demo has ${replicas} available replicas according to kube-state-metrics`);
    const alerts = (await ruleGroups(prometheus)).flatMap((group) => group.rules);
    assert.ok(alerts.length > 0, 'the chart alerts.yaml is loaded');
    for (const { name, annotations } of alerts) {
      assert.match(
        annotations?.runbook_url ?? '',
        new RegExp(`/docs/runbooks/${name}\\.md$`),
        `${name} links its runbook`,
      );
    }
  });

  it("sends alerts to the chart's Alertmanager, which is ready", async () => {
    await waitForReadyPods('alertmanager', 1);
    const urls = await waitFor(
      'Prometheus to discover alertmanager-0',
      async () => {
        const found = await activeAlertmanagers(prometheus);
        return found.some((url) => url.includes('alertmanager-0.alertmanager-cluster')) ? found : undefined;
      },
      isPresent,
      { timeoutMs: scrapeDeadlineMs, intervalMs: 2_000 },
    );
    console.log(`[e2e] Prometheus sends alerts to ${urls.join(', ')}`);
  });
});
