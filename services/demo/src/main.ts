// demo: the original Go demo app's behaviour — /demo/hello, /demo/random-error and its own latency histogram.
import { setTimeout as sleep } from 'node:timers/promises';
import { createService, num, str } from '@podmesh/runtime';
import { parseDelay } from './delay.ts';
import { createRandom } from './random.ts';
import { createRandomError } from './randomError.ts';
import { recordResponseTimes } from './responseTimeMetric.ts';

const service = createService({
  name: 'demo',
  env: {
    ERROR_PROBABILITY: num({ default: 0.1, desc: 'share of /demo/random-error calls that fail, 0 to 1' }),
    RANDOM_SEED: str({ default: '', desc: 'a whole number makes the random errors repeatable (tests)' }),
    DELAY_MAX_MS: num({ default: 10_000, desc: 'largest ?delay= /demo/hello accepts, in milliseconds' }),
  },
});
const { config } = service;

function configError(message: string): never {
  process.stderr.write(`config error: ${message}\n`);
  process.exit(1);
}
if (!(config.ERROR_PROBABILITY >= 0 && config.ERROR_PROBABILITY <= 1)) {
  configError(`ERROR_PROBABILITY=${config.ERROR_PROBABILITY} must be between 0 and 1`);
}
if (config.RANDOM_SEED !== '' && !/^\d{1,10}$/.test(config.RANDOM_SEED)) {
  configError(`RANDOM_SEED=${JSON.stringify(config.RANDOM_SEED)} must be a whole number`);
}

const randomError = createRandomError(
  config.ERROR_PROBABILITY,
  config.RANDOM_SEED === '' ? createRandom() : createRandom(Number(config.RANDOM_SEED)),
);

// The original app labelled its histogram with SERVICE_NAME, `go-demo` when unset.
recordResponseTimes(service.http, service.metrics, config.SERVICE_NAME || 'go-demo');

service.http.get<{ Querystring: { delay?: string | string[] } }>('/demo/hello', async (request, reply) => {
  const delayMs = parseDelay(request.query.delay, config.DELAY_MAX_MS);
  if (delayMs > 0) await sleep(delayMs);
  return reply.type('text/plain; charset=utf-8').send('hello, world!\n');
});

service.http.get('/demo/random-error', async (_request, reply) => {
  const { status, body } = randomError();
  return reply.code(status).type('text/plain; charset=utf-8').send(body);
});

await service.start();
