// The series of a Prometheus text exposition (what /metrics answers): name and labels of every sample line.
// prom-client escapes label values as the format says (\\, \", \n); the test compares them unescaped.

export interface Series {
  name: string;
  labels: Record<string, string>;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+\S+/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

const unescapeLabel = (value: string) =>
  value.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));

export function parseExposition(text: string): Series[] {
  const series: Series[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(labelPair))
      labels[name as string] = unescapeLabel(value as string);
    series.push({ name: match[1] as string, labels });
  }
  return series;
}

/** A series as PromQL writes it, labels sorted: `name{a="1",b="2"}`. */
export function seriesKey({ name, labels }: Series): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((label) => `${label}=${JSON.stringify(labels[label])}`);
  return `${name}{${pairs.join(',')}}`;
}
