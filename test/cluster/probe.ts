// One HTTP(S) GET for readiness checks, on loopback only.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ProbeOptions {
  /** CA that signed the server certificate. Without it the peer is not verified: only for components that
   *  make their own self-signed serving certificate, on 127.0.0.1, for a health endpoint. */
  ca?: Buffer;
}

export function probe(url: string, { ca }: ProbeOptions = {}): Promise<{ status: number; body: string }> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, rejectUnauthorized: ca !== undefined, timeout: 5_000 }, (res) => {
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
