// One HTTP(S) GET on a fresh connection (no keep-alive reuse, so every call reaches the server anew): readiness
// checks of the local control plane, and the e2e suite's requests to pods and port-forwards.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ProbeOptions {
  /** CA that signed the server certificate. Without it the peer is not verified: only for components that
   *  make their own self-signed serving certificate, on 127.0.0.1, for a health endpoint. */
  ca?: Buffer;
  timeoutMs?: number;
}

export function probe(
  url: string,
  { ca, timeoutMs = 5_000 }: ProbeOptions = {},
): Promise<{ status: number; body: string }> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const options = { agent: false, ca, rejectUnauthorized: ca !== undefined, timeout: timeoutMs } as const;
    const req = request(url, options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

export async function probeOk(url: string, options: ProbeOptions = {}): Promise<boolean> {
  const { status } = await probe(url, options);
  if (status !== 200) throw new Error(`${url} answered ${status}`);
  return true;
}
