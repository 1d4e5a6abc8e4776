// etcd: the API server's only storage. Tuned for tests: fsync off (data is thrown away), warnings only.
import { join } from 'node:path';
import { probe } from '../probe.ts';
import type { Component } from './component.ts';

export const etcd: Component = {
  name: 'etcd',
  binary: 'etcd',
  args: ({ dir, ports }) => {
    const client = `http://127.0.0.1:${ports.etcdClient}`;
    const peer = `http://127.0.0.1:${ports.etcdPeer}`;
    return [
      '--name=podmesh-test',
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=podmesh-test=${peer}`,
      '--unsafe-no-fsync=true',
      `--quota-backend-bytes=${2 * 1024 ** 3}`,
      '--log-level=warn',
    ];
  },
  ready: async ({ ports }) => {
    const { status, body } = await probe(`http://127.0.0.1:${ports.etcdClient}/health`);
    return status === 200 && (JSON.parse(body) as { health?: string }).health === 'true';
  },
};
