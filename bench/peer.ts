// peer: how fast a config change takes effect, and what a peer costs in memory.
// 1. Reload latency: the kubelet-style `..data` swap → the first ping to the new peer set, over 50 reloads
//    (median, p95), against the baseline a peer without live reload would pay: a restart (spawn → first ping).
// 2. RSS of one peer pinging 100 peers every second, against the same process with no peers.
import { setTimeout as sleep } from 'node:timers/promises';
import { startService, stopAll } from '@podmesh/testkit/processes';
import { isPresent, isTrue, waitFor } from '@podmesh/testkit/waitFor';
import { createConfigMapVolume } from '../services/peer/test/configMapVolume.ts';
import { type PongServer, startPongServer } from '../services/peer/test/pongServers.ts';
import { round, rssMegabytes } from './lib/measure.ts';
import { writeResult } from './lib/results.ts';

const reloads = Number(process.env.BENCH_PEER_RELOADS ?? 50);
const restarts = Number(process.env.BENCH_PEER_RESTARTS ?? 5);
// Long enough to see whether memory settles: V8 grows the heap lazily, so a short run shows only growth.
const rssSeconds = Number(process.env.BENCH_PEER_RSS_SECONDS ?? 60);
const quiet = { LOG_LEVEL: 'warn', LOG_REQUESTS: 'false' };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function summary(values: number[]) {
  return {
    n: values.length,
    medianMs: round(percentile(values, 50), 1),
    p95Ms: round(percentile(values, 95), 1),
    maxMs: round(Math.max(...values), 1),
  };
}

/** The time from the swap to the first ping each new peer set received. */
async function reloadLatencies(): Promise<number[]> {
  const servers = [await startPongServer('a'), await startPongServer('b')];
  // A long interval: only the reload can cause a round, so a ping to the new set measures the reload.
  const config = (server: PongServer) => `interval: 1h\npeers: [${server.address}]\n`;
  const volume = await createConfigMapVolume('peers.yaml', config(servers[0] as PongServer));
  const peer = await startService('peer', { env: { ...quiet, PEER_CONFIG_FILE: volume.path } });
  await waitFor('the first round', () => (servers[0] as PongServer).arrivals.length > 0, isTrue, {
    timeoutMs: 10_000,
    intervalMs: 10,
  });
  const latencies: number[] = [];
  for (let reload = 0; reload < reloads; reload++) {
    const target = servers[(reload + 1) % 2] as PongServer;
    const seen = target.arrivals.length;
    const swappedAt = await volume.update(config(target));
    const pingedAt = await waitFor('the new peer pinged', () => target.arrivals[seen], isPresent, {
      timeoutMs: 5000,
      intervalMs: 10,
    });
    latencies.push(pingedAt - swappedAt);
    await sleep(50);
  }
  await stopAll([peer]);
  await volume.remove();
  await Promise.all(servers.map((server) => server.close()));
  return latencies;
}

/** Baseline: what a change costs when it needs a restart — spawning a peer until its first ping. */
async function restartLatencies(): Promise<number[]> {
  const server = await startPongServer('restart');
  const volume = await createConfigMapVolume('peers.yaml', `interval: 1h\npeers: [${server.address}]\n`);
  const latencies: number[] = [];
  for (let restart = 0; restart < restarts; restart++) {
    const seen = server.arrivals.length;
    const spawnedAt = performance.timeOrigin + performance.now();
    const peer = await startService('peer', {
      env: { ...quiet, PEER_CONFIG_FILE: volume.path },
      waitReady: false,
    });
    const pingedAt = await waitFor('the first ping', () => server.arrivals[seen], isPresent, {
      timeoutMs: 20_000,
      intervalMs: 10,
    });
    latencies.push(pingedAt - spawnedAt);
    await stopAll([peer]);
  }
  await volume.remove();
  await server.close();
  return latencies;
}

/** Resident memory of a peer pinging `count` peers every second, sampled once a second. */
async function rss(count: number, seconds: number) {
  const servers = await Promise.all(Array.from({ length: count }, (_, i) => startPongServer(`fake-${i}`)));
  const peers = servers.map((server) => `  - ${server.address}\n`).join('');
  const volume = await createConfigMapVolume(
    'peers.yaml',
    `interval: 1s\npeers:${count ? `\n${peers}` : ' []\n'}`,
  );
  const peer = await startService('peer', { env: { ...quiet, PEER_CONFIG_FILE: volume.path } });
  const samples: number[] = [];
  for (let second = 0; second < seconds; second++) {
    await sleep(1000);
    samples.push(rssMegabytes(peer.pid));
  }
  const pings = servers.reduce((sum, server) => sum + server.arrivals.length, 0);
  await stopAll([peer]);
  await volume.remove();
  await Promise.all(servers.map((server) => server.close()));
  return {
    peers: count,
    pingsAnswered: pings,
    rssMiB: {
      first: round(samples[0] ?? 0, 1),
      last: round(samples.at(-1) ?? 0, 1),
      max: round(Math.max(...samples), 1),
      everyTenSeconds: samples.filter((_, i) => (i + 1) % 10 === 0).map((mib) => round(mib, 1)),
    },
  };
}

const reload = summary(await reloadLatencies());
const restart = summary(await restartLatencies());
const idle = await rss(0, 10);
const hundred = await rss(100, rssSeconds);
const figures = {
  reload,
  restartBaseline: restart,
  reloadVsRestart: round(reload.medianMs / restart.medianMs, 3),
  rss: {
    noPeers: idle,
    hundredPeers: hundred,
    extraMiBFor100Peers: round(hundred.rssMiB.max - idle.rssMiB.max, 1),
  },
};
writeResult('peer', figures);
console.log(
  `reload (swap → first ping of the new set, ${reload.n}×): median ${reload.medianMs} ms, p95 ${reload.p95Ms} ms, max ${reload.maxMs} ms`,
);
console.log(
  `restart baseline (spawn → first ping, ${restart.n}×): median ${restart.medianMs} ms, p95 ${restart.p95Ms} ms`,
);
console.log(
  `RSS: no peers ${idle.rssMiB.max} MiB; 100 peers at 1 s ${hundred.rssMiB.first} → ${hundred.rssMiB.last} MiB (max ${hundred.rssMiB.max}; ${hundred.pingsAnswered} pings in ${rssSeconds} s)`,
);
