// Every service as a real process on loopback, driven through its successes and its failures (users down →
// countries 5xx, kv down → counter 5xx and gRPC Unavailable, bad gRPC arguments, the demo's random errors), so
// that the series alerts match on exist; then each service's /metrics as Prometheus would scrape it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { GrpcClientForTest } from '@podmesh/testkit/usersGrpc';

/** The text each service answered on /metrics, by service name. */
export type Scrapes = Record<string, string>;

const quiet = { LOG_LEVEL: 'error' };
/** Requests per step: enough for every series to appear, few enough for a 2-core machine. */
const rounds = 5;

async function times(count: number, request: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < count; i++) await request().catch(() => undefined);
}

/** Repeats a request until it answers `status` (at most `limit` times, 200 ms apart); throws if it never does. */
async function until(status: number, limit: number, request: () => Promise<number>): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await request().catch(() => 0)) === status) return;
    await sleep(200);
  }
  throw new Error(`never answered ${status} in ${limit} tries`);
}

/** The status of a request, its body read (and dropped) so the connection is reused. */
async function statusOf(url: string, method = 'GET'): Promise<number> {
  const response = await fetch(url, { method });
  await response.arrayBuffer();
  return response.status;
}
const get = (url: string) => statusOf(url);
const post = (url: string) => statusOf(url, 'POST');

async function scrape(service: ServiceProcess): Promise<string> {
  const response = await fetch(`${service.url}/metrics`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${service.name} /metrics answered ${response.status}`);
  return response.text();
}

/** Starts the fleet, drives it, scrapes it, stops it. Bounded: a few dozen requests, one process each. */
export async function captureFleet(): Promise<Scrapes> {
  const scratch = await mkdtemp(join(tmpdir(), 'podmesh-fleet-'));
  const started: ServiceProcess[] = [];
  const start = async (name: string, env: Record<string, string> = {}) => {
    const service = await startService(name, { env: { ...quiet, ...env } });
    started.push(service);
    return service;
  };
  try {
    const users = await start('users');
    const countries = await start('countries', { USERS_TARGET: `ipv4:127.0.0.1:${users.httpPort}` });
    const kv = await start('kv', { KV_DATA_DIR: join(scratch, 'kv') });
    const counter = await start('counter', { KV_TARGET: `ipv4:127.0.0.1:${kv.grpcPort}` });
    const demo = await start('demo', { ERROR_PROBABILITY: '0.5' });
    // One peer that pings a port where nothing answers: its error series exist too.
    const peersFile = join(scratch, 'peers.yaml');
    await writeFile(peersFile, `interval: 1s\npeers: [127.0.0.1:${await freePort()}]\n`);
    const peer = await start('peer', { PEER_CONFIG_FILE: peersFile, POD_NAME: 'peer-0' });

    // Successes and client mistakes while everything is up.
    await times(rounds, () => get(`${countries.url}/countries?user_id=1234`));
    await times(rounds, () => get(`${countries.url}/countries?user_id=abc`));
    await times(rounds, () => get(`${users.url}/users/1234`));
    await times(rounds, () => post(`${counter.url}/`));
    await times(rounds, () => get(`${counter.url}/`));
    await times(rounds * 4, () => get(`${demo.url}/demo/random-error`));
    await times(rounds, () => get(`${demo.url}/demo/hello`));
    const grpcUsers = new GrpcClientForTest(users.grpcPort);
    await times(rounds, () => grpcUsers.getUser('1234'));
    await times(rounds, () => grpcUsers.getUser('not-a-number'));
    grpcUsers.close();
    await times(rounds, () => get(`${peer.url}/ping`));

    // Dependencies failing, each way in turn so the same series appear on every run: a dependency that hangs
    // (SIGSTOP: calls run into their deadline, 504), then one that is gone (connection refused, 503).
    const usersScrape = await scrape(users);
    const kvScrape = await scrape(kv);
    users.child.kill('SIGSTOP');
    kv.child.kill('SIGSTOP');
    await until(504, rounds, () => get(`${countries.url}/countries?user_id=1234`));
    await until(504, rounds, () => post(`${counter.url}/`));
    await until(504, rounds, () => get(`${counter.url}/`));
    await users.stop('SIGKILL');
    await kv.stop('SIGKILL');
    await until(503, rounds * 4, () => get(`${countries.url}/countries?user_id=1234`));
    await until(503, rounds * 4, () => post(`${counter.url}/`));
    await until(503, rounds * 4, () => get(`${counter.url}/`));

    return {
      users: usersScrape,
      countries: await scrape(countries),
      kv: kvScrape,
      counter: await scrape(counter),
      demo: await scrape(demo),
      peer: await scrape(peer),
    };
  } finally {
    await stopAll(started);
    await rm(scratch, { recursive: true, force: true });
  }
}
