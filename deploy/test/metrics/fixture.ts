// The checked-in picture of what the services export (deploy/test/metrics/fixture.json), made by
// `npm run metrics:capture` from a real fleet (fleet.ts). Series whose label values podmesh sets (HTTP, gRPC,
// service metrics) are kept whole; the runtime's default process_*/nodejs_* metrics, whose values vary by
// machine (handle types, GC kinds, versions), only by name and label names.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseExposition, type Series, seriesKey } from './exposition.ts';
import type { Scrapes } from './fleet.ts';

export const fixturePath = join(import.meta.dirname, 'fixture.json');

export interface Fixture {
  /** By service: every series with its labels, as `name{label="value",…}`, sorted. */
  series: Record<string, string[]>;
  /** By service: each default metric and its label names, sorted. */
  defaults: Record<string, Record<string, string[]>>;
}

const isDefault = (name: string) => /^(process|nodejs)_/.test(name);

export function toFixture(scrapes: Scrapes): Fixture {
  const fixture: Fixture = { series: {}, defaults: {} };
  for (const service of Object.keys(scrapes).sort()) {
    const parsed = parseExposition(scrapes[service] as string);
    fixture.series[service] = [...new Set(parsed.filter((s) => !isDefault(s.name)).map(seriesKey))].sort();
    const defaults: Record<string, Set<string>> = {};
    for (const { name, labels } of parsed.filter((s) => isDefault(s.name))) {
      defaults[name] ??= new Set();
      for (const label of Object.keys(labels)) defaults[name].add(label);
    }
    fixture.defaults[service] = Object.fromEntries(
      Object.keys(defaults)
        .sort()
        .map((name) => [name, [...(defaults[name] as Set<string>)].sort()]),
    );
  }
  return fixture;
}

export async function readFixture(): Promise<Fixture> {
  return JSON.parse(await readFile(fixturePath, 'utf8'));
}

/** Every series of the fixture, across services, by its key. */
export function fixtureSeries(fixture: Fixture): Set<string> {
  return new Set(Object.values(fixture.series).flat());
}

export { type Series, seriesKey };
