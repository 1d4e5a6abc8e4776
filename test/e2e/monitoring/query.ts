// Prometheus' HTTP API (/api/v1/…), as a user reaches it through `kubectl port-forward svc/prometheus`.
import { probe } from '../../cluster/probe.ts';

export interface Sample {
  metric: Record<string, string>;
  value: number;
}

interface ApiAnswer<T> {
  status: 'success' | 'error';
  data: T;
  error?: string;
}

async function api<T>(baseUrl: string, path: string): Promise<T> {
  const { status, body } = await probe(`${baseUrl}${path}`);
  if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${body.slice(0, 300)}`);
  const answer = JSON.parse(body) as ApiAnswer<T>;
  if (answer.status !== 'success') throw new Error(`GET ${path}: ${answer.error}`);
  return answer.data;
}

/** An instant query; every sample of the resulting vector with its value. */
export async function query(baseUrl: string, promql: string): Promise<Sample[]> {
  const data = await api<{
    resultType: string;
    result: { metric: Record<string, string>; value: [number, string] }[];
  }>(baseUrl, `/api/v1/query?query=${encodeURIComponent(promql)}`);
  if (data.resultType !== 'vector') throw new Error(`${promql} gave a ${data.resultType}, not a vector`);
  return data.result.map(({ metric, value }) => ({ metric, value: Number(value[1]) }));
}

export interface Target {
  labels: Record<string, string>;
  scrapePool: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
}

export async function activeTargets(baseUrl: string): Promise<Target[]> {
  const data = await api<{ activeTargets: Target[] }>(baseUrl, '/api/v1/targets?state=active');
  return data.activeTargets;
}

/** An alerting rule as Prometheus loaded it (recording rules have no annotations). */
export interface LoadedRule {
  name: string;
  type: 'alerting' | 'recording';
  annotations?: Record<string, string>;
}

export async function ruleGroups(baseUrl: string): Promise<{ name: string; rules: LoadedRule[] }[]> {
  const data = await api<{ groups: { name: string; rules: LoadedRule[] }[] }>(baseUrl, '/api/v1/rules');
  return data.groups;
}

/** The Alertmanagers Prometheus sends its alerts to, by URL. */
export async function activeAlertmanagers(baseUrl: string): Promise<string[]> {
  const data = await api<{ activeAlertmanagers: { url: string }[] }>(baseUrl, '/api/v1/alertmanagers');
  return data.activeAlertmanagers.map(({ url }) => url);
}
