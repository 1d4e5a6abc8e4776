// A request counter and a duration histogram over one set of series, e.g. `http_requests_total` and
// `http_request_duration_seconds`, recorded on every request at a fraction of prom-client's per-call cost.
// prom-client's Counter.inc + Histogram.observe build and look up a label-hash string on each call: ~0.7 µs a
// request for the pair, ~5% of a users request (docs/performance.md). Here a request finds its series through
// maps keyed by strings it already holds and adds to one bucket. Exposition stays prom-client's: both metrics sit
// in the service's Registry and print exactly as its Counter and Histogram would (requestMetrics.test.ts).
import type { Metric, Registry } from 'prom-client';

export interface RequestMetricsOptions<L extends string> {
  registry: Registry;
  counter: { name: string; help: string };
  histogram: { name: string; help: string };
  /** The three labels that tell series apart, in the order `record` takes their values. */
  labelNames: readonly [L, L, L];
  /** Labels every series carries with the same value. */
  constantLabels?: Record<string, string>;
  buckets: readonly number[];
}

interface Series {
  labels: Record<string, string>;
  /** Observations per bucket, not cumulative; the last one counts those above the highest bound. */
  counts: number[];
  sum: number;
  count: number;
}

export class RequestMetrics<L extends string = string> {
  readonly #series = new Map<string, Map<string, Map<string | number, Series>>>();
  /** The same series in the order they first appeared, the order prom-client prints them in. */
  #seriesInOrder: Series[] = [];
  readonly #options: RequestMetricsOptions<L>;

  constructor(options: RequestMetricsOptions<L>) {
    this.#options = options;
    const { registry, counter, histogram } = options;
    // prom-client's Registry takes any object that answers `get()` the way its own metrics do.
    const register = (metric: object) => registry.registerMetric(metric as Metric);
    register({
      ...counter,
      type: 'counter',
      aggregator: 'sum',
      get: () => this.#counterValues(),
      reset: this.reset,
    });
    register({
      ...histogram,
      type: 'histogram',
      aggregator: 'sum',
      get: () => this.#histogramValues(false),
      getForPromString: () => this.#histogramValues(true),
      reset: this.reset,
    });
  }

  /**
   * One request: its three label values (as `labelNames` orders them) and how long it took. `fixedLabels` are
   * labels the first two values determine (a gRPC method's `grpc_type`): read only when the series is new.
   */
  record(
    first: string,
    second: string,
    third: string | number,
    seconds: number,
    fixedLabels?: Record<string, string>,
  ): void {
    let bySecond = this.#series.get(first);
    if (!bySecond) {
      bySecond = new Map();
      this.#series.set(first, bySecond);
    }
    let byThird = bySecond.get(second);
    if (!byThird) {
      byThird = new Map();
      bySecond.set(second, byThird);
    }
    let series = byThird.get(third);
    if (!series) {
      series = this.#newSeries(first, second, String(third), fixedLabels);
      byThird.set(third, series);
      this.#seriesInOrder.push(series);
    }
    const { buckets } = this.#options;
    let bucket = 0;
    while (bucket < buckets.length && seconds > (buckets[bucket] as number)) bucket++;
    series.counts[bucket] = (series.counts[bucket] as number) + 1;
    series.sum += seconds;
    series.count++;
  }

  readonly reset = (): void => {
    this.#series.clear();
    this.#seriesInOrder = [];
  };

  #newSeries(first: string, second: string, third: string, fixed?: Record<string, string>): Series {
    const [a, b, c] = this.#options.labelNames;
    const labels = { ...this.#options.constantLabels, ...fixed, [a]: first, [b]: second, [c]: third };
    return { labels, counts: new Array(this.#options.buckets.length + 1).fill(0), sum: 0, count: 0 };
  }

  #counterValues() {
    const { name, help } = this.#options.counter;
    const values = this.#seriesInOrder.map(({ labels, count }) => ({ labels, value: count }));
    return { name, help, type: 'counter', aggregator: 'sum', values };
  }

  // The shapes prom-client's Histogram gives its Registry: `le` first, then the series' labels, which the text
  // format takes apart (`sharedLabels`, formatted once per series) and the JSON one merged.
  #histogramValues(forText: boolean) {
    const { name, help } = this.#options.histogram;
    const values: object[] = [];
    const value = (metric: string, value: number, labels: Record<string, string | number>, shared: object) =>
      values.push({
        ...(forText ? { labels, sharedLabels: shared } : { labels: { ...labels, ...shared } }),
        value,
        metricName: `${name}${metric}`,
        ...(metric === '_bucket' ? { exemplar: null } : {}),
      });
    for (const { labels, counts, sum, count } of this.#seriesInOrder) {
      let cumulative = 0;
      this.#options.buckets.forEach((le, i) => {
        cumulative += counts[i] as number;
        value('_bucket', cumulative, { le }, labels);
      });
      value('_bucket', count, { le: '+Inf' }, labels);
      value('_sum', sum, {}, labels);
      value('_count', count, {}, labels);
    }
    return { name, help, type: 'histogram', aggregator: 'sum', values };
  }
}
