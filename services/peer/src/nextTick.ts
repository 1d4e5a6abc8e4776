// Rounds run at anchor + k·interval, computed from the clock each time: a late timer or a slow round never
// pushes later rounds back (no drift), and ticks missed while a round was running are skipped, not queued.

/** The first tick strictly after `now`, and how many ticks since `previous` were missed. */
export function nextTick(
  anchor: number,
  intervalMs: number,
  now: number,
  previous: number,
): { index: number; at: number; missed: number } {
  const index = Math.max(previous + 1, Math.floor((now - anchor) / intervalMs) + 1);
  return { index, at: anchor + index * intervalMs, missed: Math.max(0, index - previous - 1) };
}
