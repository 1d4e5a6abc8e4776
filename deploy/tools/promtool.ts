// promtool (checks and unit-tests Prometheus rules) comes from Debian's prometheus package, unpacked by
// .ci/install-deploy-deps.sh into the cache so no Prometheus daemon is installed or started on the machine.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { cacheDir } from './cache.ts';

export const promtoolDebianVersion = '2.42.0';

export function findPromtool(): string | undefined {
  const candidates = [
    join(cacheDir('promtool', promtoolDebianVersion), 'promtool'),
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'promtool')),
  ];
  return candidates.find((path) => existsSync(path));
}
