// `npm run render -- <dev|stage|prod>`: every manifest of that environment as one YAML stream on stdout,
// ready for `kubectl apply --server-side -f -`. The first run builds the pinned helm (progress on stderr).
import { ensureHelm } from './tools/helm.ts';
import { environments, isEnvironment, renderYaml } from './tools/render.ts';

const env = process.argv[2];
if (!isEnvironment(env)) {
  process.stderr.write(`usage: npm run render -- <${environments.join('|')}>\n`);
  process.exit(2);
}
await ensureHelm((line) => process.stderr.write(`[render] ${line}\n`));
process.stdout.write(await renderYaml(env));
