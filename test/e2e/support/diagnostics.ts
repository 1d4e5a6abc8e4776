// What a failed load case prints next to its assertion: the warnings and errors the serving pods logged
// meanwhile, so a CI failure can be understood without re-running it.
import { kubectl } from './environment.ts';

export async function podWarnings(app: string, sinceSeconds: number, limit = 30): Promise<string[]> {
  const text = await kubectl([
    'logs',
    '-l',
    `app.kubernetes.io/name=${app}`,
    '--prefix',
    '--max-log-requests=10',
    `--since=${Math.ceil(sinceSeconds)}s`,
  ]).catch((error: Error) => `could not read the logs: ${error.message}`);
  return text
    .split('\n')
    .filter((line) => /"severity":"(WARNING|ERROR|CRITICAL)"|could not read/.test(line))
    .slice(-limit);
}
