// One ping: GET http://<peer>/ping within a deadline. A peer answers 200 `pong\n` and names itself in x-peer-id.
export const pongBody = 'pong\n';
export const peerIdHeader = 'x-peer-id';

export type PingResult =
  | { ok: true; peer: string; responder: string; latencyMs: number }
  | { ok: false; peer: string; reason: string; timedOut: boolean; latencyMs: number };

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export async function pingPeer(peer: string, timeoutMs: number): Promise<PingResult> {
  const started = performance.now();
  const latency = () => performance.now() - started;
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(`http://${peer}/ping`, { signal: deadline });
    const body = await response.text();
    if (response.status !== 200 || body !== pongBody) {
      return {
        ok: false,
        peer,
        reason: `unexpected answer: ${response.status} ${JSON.stringify(body.slice(0, 40))}`,
        timedOut: false,
        latencyMs: latency(),
      };
    }
    return { ok: true, peer, responder: response.headers.get(peerIdHeader) ?? '', latencyMs: latency() };
  } catch (error) {
    const timedOut = deadline.aborted;
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : describe(error);
    return { ok: false, peer, reason, timedOut, latencyMs: latency() };
  }
}
