// POSTs that arrive in the same event-loop turn share one store call: one `Increment(delta = n)` (or INCRBY)
// instead of n. Each POST still gets its own number (the n values ending at the new total) and is still
// acknowledged only after the store made the whole batch durable. A failed call fails every POST in it, with
// the same unknown outcome a single call would have (ADR 42). Group commit, on the client side.

export type IncrementBy = (delta: number) => Promise<number>;

interface Waiter {
  resolve: (value: number) => void;
  reject: (error: unknown) => void;
}

/** An `increment()` that batches concurrent callers into one `incrementBy(n)` per event-loop turn. */
export function coalescedIncrements(incrementBy: IncrementBy, maxBatch = 1000): () => Promise<number> {
  const waiting: Waiter[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const batch = waiting.splice(0, maxBatch);
    if (waiting.length > 0) schedule();
    incrementBy(batch.length).then(
      (total) => {
        const first = total - batch.length + 1;
        for (const [index, waiter] of batch.entries()) waiter.resolve(first + index);
      },
      (error) => {
        for (const waiter of batch) waiter.reject(error);
      },
    );
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush); // after this turn's I/O callbacks: every request read in this turn joins
  };

  return () =>
    new Promise<number>((resolve, reject) => {
      waiting.push({ resolve, reject });
      schedule();
    });
}
