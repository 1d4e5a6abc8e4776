// A keyed work queue in the controller-runtime mould: a key waits at most once however many events name it,
// is never processed by two workers at once, and failures come back with per-key exponential backoff.
export interface WorkQueueOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  onDepth?: (depth: number) => void;
  /** How long a key waited between being added and handed to a worker (controller-runtime's queue latency). */
  onLatency?: (ms: number) => void;
}

export class WorkQueue {
  readonly #queue: string[] = [];
  readonly #queued = new Set<string>();
  readonly #processing = new Set<string>();
  /** Added again while being processed: re-queued when the current run ends. */
  readonly #dirty = new Set<string>();
  readonly #failures = new Map<string, number>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #waiters: Array<(key: string | undefined) => void> = [];
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #onDepth: (depth: number) => void;
  readonly #onLatency: (ms: number) => void;
  readonly #addedAt = new Map<string, number>();
  #shutDown = false;

  constructor({
    baseDelayMs = 5,
    maxDelayMs = 300_000,
    onDepth = () => undefined,
    onLatency = () => undefined,
  }: WorkQueueOptions = {}) {
    this.#baseDelayMs = baseDelayMs;
    this.#maxDelayMs = maxDelayMs;
    this.#onDepth = onDepth;
    this.#onLatency = onLatency;
  }

  get depth(): number {
    return this.#queue.length;
  }

  add(key: string): void {
    if (this.#shutDown) return;
    if (this.#processing.has(key)) {
      this.#dirty.add(key);
      return;
    }
    if (this.#queued.has(key)) return;
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#processing.add(key);
      this.#onLatency(0);
      waiter(key);
      return;
    }
    this.#addedAt.set(key, performance.now());
    this.#queued.add(key);
    this.#queue.push(key);
    this.#onDepth(this.#queue.length);
  }

  addAfter(key: string, delayMs: number): void {
    if (this.#shutDown) return;
    const existing = this.#timers.get(key);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.#timers.set(key, timer);
  }

  /** Requeues after a failure, waiting twice as long as after the previous one (capped). */
  addRateLimited(key: string): number {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    const delayMs = Math.min(this.#baseDelayMs * 2 ** failures, this.#maxDelayMs);
    this.addAfter(key, delayMs);
    return delayMs;
  }

  /** Success: the next failure starts from the base delay again. */
  forget(key: string): void {
    this.#failures.delete(key);
  }

  /** The next key to process, or undefined once the queue is shut down. */
  get(): Promise<string | undefined> {
    const key = this.#queue.shift();
    if (key !== undefined) {
      this.#queued.delete(key);
      this.#processing.add(key);
      this.#onDepth(this.#queue.length);
      this.#onLatency(performance.now() - (this.#addedAt.get(key) ?? performance.now()));
      this.#addedAt.delete(key);
      return Promise.resolve(key);
    }
    if (this.#shutDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  done(key: string): void {
    this.#processing.delete(key);
    if (this.#dirty.delete(key)) this.add(key);
  }

  shutDown(): void {
    this.#shutDown = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    for (const waiter of this.#waiters.splice(0)) waiter(undefined);
  }
}
