// When `npm start` restarts a service process that exited, as the kubelet restarts a crashed container:
// the first restart after 1 s, each quick crash after that doubles the wait up to 30 s, and a process that
// stayed up long enough starts again from 1 s. Pure, so the policy is tested without processes or clocks.

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** A process up at least this long is treated as healthy: its next crash waits `initialMs` again. */
  resetAfterMs: number;
}

export const restartBackoff: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, resetAfterMs: 10_000 };

/**
 * The wait before restarting a process that ran for `uptimeMs`, given the wait before its last restart
 * (`undefined` if it never was restarted).
 */
export function nextRestartDelay(
  policy: BackoffPolicy,
  previousDelayMs: number | undefined,
  uptimeMs: number,
): number {
  if (previousDelayMs === undefined || uptimeMs >= policy.resetAfterMs) return policy.initialMs;
  return Math.min(previousDelayMs * 2, policy.maxMs);
}
