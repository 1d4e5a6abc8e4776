// One ping: GET http://<peer>/ping within a deadline. A peer answers 200 `pong\n` and names itself in x-peer-id.
// node:http with one keep-alive agent rather than fetch: pinging 100 peers a second, a fetch-based peer grew
// past 280 MiB within a minute where this one stays near 140 MiB (docs/performance/demo-peer.md).
import { Agent, get } from 'node:http';
import { splitPeerAddress } from './peerAddress.ts';

export const pongBody = 'pong\n';
export const peerIdHeader = 'x-peer-id';
const maxBody = 64;

export type PingResult =
  | { ok: true; peer: string; responder: string; latencyMs: number }
  | { ok: false; peer: string; reason: string; timedOut: boolean; latencyMs: number };

// Keep-alive: a round reuses the previous round's connection to each peer when it is still open.
const agent = new Agent({ keepAlive: true, maxSockets: 4, maxFreeSockets: 1, scheduling: 'lifo' });

export function pingPeer(peer: string, timeoutMs: number): Promise<PingResult> {
  const started = performance.now();
  const { host, port } = splitPeerAddress(peer);
  return new Promise((resolve) => {
    // Settles exactly once, whichever comes first: the answer, an error, or the deadline.
    let settled = false;
    const finish = (result: PingResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (reason: string, timedOut = false) =>
      finish({ ok: false, peer, reason, timedOut, latencyMs: performance.now() - started });
    const request = get({ host: host.replace(/^\[|\]$/g, ''), port, path: '/ping', agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > maxBody) request.destroy(new Error('answer too long'));
      });
      response.on('error', (error) => fail(error.message));
      response.on('end', () => {
        if (response.statusCode !== 200 || body !== pongBody) {
          fail(`unexpected answer: ${response.statusCode} ${JSON.stringify(body.slice(0, 40))}`);
          return;
        }
        const responder = response.headers[peerIdHeader];
        finish({
          ok: true,
          peer,
          responder: typeof responder === 'string' ? responder : '',
          latencyMs: performance.now() - started,
        });
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
    const timer = setTimeout(() => {
      fail(`no answer within ${timeoutMs} ms`, true);
      request.destroy();
    }, timeoutMs);
  });
}
