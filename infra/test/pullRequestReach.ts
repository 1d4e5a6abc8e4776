// Which GitHub Environments a pull request's jobs run in, read from the workflows themselves: the identities
// those environments can impersonate are what a pull request (from any branch) can act as.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot, workflowFiles } from '../../test/delivery/workflowFiles.ts';

type Job = {
  if?: string;
  needs?: string | string[];
  environment?: string | { name?: string };
  strategy?: { matrix?: Record<string, unknown> };
  uses?: string;
  with?: Record<string, unknown>;
};

function triggers(data: Record<string, unknown>): string[] {
  const on = data.on ?? data.true; // YAML 1.1 readers turn a bare `on` key into true
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys((on as Record<string, unknown>) ?? {});
}

/** `${{ matrix.x }}` / `${{ inputs.x }}` replaced by every value it can take. */
function expand(template: string, values: Record<string, unknown[]>): string[] {
  const match = /\$\{\{\s*(matrix|inputs)\.(\w+)\s*\}\}/.exec(template);
  if (!match) return [template];
  const options = values[`${match[1]}.${match[2]}`];
  if (!options) throw new Error(`cannot tell which values ${match[0]} takes in "${template}"`);
  return options.flatMap((value) => expand(template.replace(match[0], String(value)), values));
}

function environmentsOf(jobs: Record<string, Job>, inputs: Record<string, unknown[]>): string[] {
  // A job skipped on pull requests, and every job needing it, never runs for one.
  const skipped = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, job] of Object.entries(jobs)) {
      if (skipped.has(name)) continue;
      const needs = [job.needs ?? []].flat();
      const excluded = /github\.event_name\s*!=\s*'pull_request'/.test(job.if ?? '');
      if (excluded || needs.some((need) => skipped.has(need))) {
        skipped.add(name);
        grew = true;
      }
    }
  }
  return Object.entries(jobs).flatMap(([name, job]) => {
    if (skipped.has(name)) return [];
    const values: Record<string, unknown[]> = { ...inputs };
    for (const [key, list] of Object.entries(job.strategy?.matrix ?? {})) {
      if (Array.isArray(list)) values[`matrix.${key}`] = list;
    }
    if (job.uses?.startsWith('./.github/workflows/')) {
      const called = parse(readFileSync(join(repoRoot, job.uses), 'utf8')) as { jobs: Record<string, Job> };
      const calledInputs: Record<string, unknown[]> = {};
      for (const [key, value] of Object.entries(job.with ?? {})) {
        calledInputs[`inputs.${key}`] = expand(String(value), values);
      }
      return environmentsOf(called.jobs, calledInputs);
    }
    const environment = typeof job.environment === 'string' ? job.environment : job.environment?.name;
    return environment ? expand(environment, values) : [];
  });
}

/** Every GitHub Environment some job runs in when a pull request (or pull_request_target) triggers it. */
export function pullRequestEnvironments(): string[] {
  const found = workflowFiles()
    .filter((file) => triggers(file.data).some((t) => t === 'pull_request' || t === 'pull_request_target'))
    .flatMap((file) => environmentsOf(file.data.jobs as Record<string, Job>, {}));
  return [...new Set(found)].sort();
}
