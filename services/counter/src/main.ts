// counter: GET / shows the count, POST / adds one. The count lives in kv (or Redis), so every replica shows
// the same number and a restart loses nothing.
import { bool, createService, HttpError, num, str, target } from '@podmesh/runtime';
import { coalescedIncrements } from './coalescedIncrements.ts';
import { type CounterStore, StoreError } from './counterStore.ts';
import { createKvCounterStore } from './kvCounterStore.ts';

const service = createService({
  name: 'counter',
  env: {
    COUNTER_STORE: str({ default: 'kv', choices: ['kv', 'redis'], desc: 'where the count lives' }),
    COUNTER_KEY: str({ default: 'counter/post_requests', desc: 'the key holding the count' }),
    KV_TARGET: target({
      default: 'dns:///kv-headless:9090',
      desc: 'kv gRPC: dns:///kv-headless:9090 in a cluster, ipv4:host:port locally',
    }),
    REDIS_URL: str({ default: 'redis://127.0.0.1:6379', desc: 'with COUNTER_STORE=redis' }),
    STORE_DEADLINE_MS: num({ default: 1000, desc: 'deadline of one call to the store' }),
    COALESCE_INCREMENTS: bool({
      default: true,
      desc: 'POSTs arriving together share one store call (each still gets its own number)',
    }),
  },
});
const { config } = service;

const store: CounterStore =
  config.COUNTER_STORE === 'redis'
    ? (await import('./redisCounterStore.ts')).createRedisCounterStore({
        url: config.REDIS_URL,
        key: config.COUNTER_KEY,
        deadlineMs: config.STORE_DEADLINE_MS,
        log: service.log,
      })
    : createKvCounterStore({
        target: config.KV_TARGET,
        key: config.COUNTER_KEY,
        deadlineMs: config.STORE_DEADLINE_MS,
        metrics: service.metrics,
      });
service.onClose(() => store.close());
const increment = config.COALESCE_INCREMENTS
  ? coalescedIncrements((delta) => store.incrementBy(delta))
  : () => store.incrementBy(1);

async function fromStore<T>(operation: () => Promise<T>, unknownOutcome: string): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    service.log.warn({ error: error.message }, 'count store unavailable');
    if (error.reason === 'deadline')
      throw new HttpError(504, `the count store did not answer in time${unknownOutcome}`);
    throw new HttpError(503, `the count store is unavailable${unknownOutcome}`);
  }
}

service.http.get('/', async () => ({
  message: 'Hello World!!!',
  post_requests: await fromStore(() => store.read(), ''),
}));

service.http.post('/', async () => ({
  post_requests: await fromStore(increment, ' (if it failed mid-call, this POST may have been counted)'),
}));

await service.start();
