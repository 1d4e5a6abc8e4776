// Where the count lives. kv is the default; Redis is the store a user would move to (docs/adr/0041). Both
// answer the same two questions, so the HTTP handlers do not know which one they talk to.
export interface CounterStore {
  /** Adds delta atomically and returns the new count, once the store has made it durable. */
  incrementBy(delta: number): Promise<number>;
  /** The current count (0 before the first POST). */
  read(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The store did not confirm. `unavailable`: it could not be reached or failed the call. `deadline`: no answer
 * in time. For an increment either outcome is unknown (the write may have landed), which is why it is never
 * retried blindly: a retry could count one POST twice.
 */
export class StoreError extends Error {
  readonly reason: 'unavailable' | 'deadline';

  constructor(reason: 'unavailable' | 'deadline', message: string) {
    super(message);
    this.name = 'StoreError';
    this.reason = reason;
  }
}
