// countries (public): GET /countries?user_id= → {user_id, name, country}, the name from users.
import {
  createBalancedClient,
  createService,
  HttpError,
  num,
  target,
  traceHeadersFor,
  UpstreamError,
} from '@podmesh/runtime';
import { isUserId, type User, userIdRule } from '@podmesh/users/contract';
import { countryOf } from './countries.ts';

const service = createService({
  name: 'countries',
  env: {
    USERS_TARGET: target({
      desc: 'users replicas: dns:///users-headless:8080 in a cluster, ipv4:host:port,… locally',
    }),
    USERS_DEADLINE_MS: num({ default: 2000, desc: 'deadline of one call to users, retries included' }),
    USERS_ATTEMPTS: num({ default: 2, desc: 'replicas tried per call (the call is an idempotent read)' }),
    USERS_REFRESH_MS: num({ default: 5000, desc: 'how often the users addresses are re-resolved' }),
  },
});
const { config } = service;

const users = createBalancedClient({
  target: config.USERS_TARGET,
  log: service.log,
  deadlineMs: config.USERS_DEADLINE_MS,
  attempts: config.USERS_ATTEMPTS,
  refreshMs: config.USERS_REFRESH_MS,
  userAgent: `podmesh-${service.name}/${config.SERVICE_VERSION}`,
});
service.onClose(() => users.close());

service.http.get<{ Querystring: { user_id?: string | string[] } }>('/countries', async (request) => {
  const userId = request.query.user_id;
  if (!isUserId(userId)) throw new HttpError(400, userIdRule);
  try {
    // users' span is a child of this request's (both trace headers: users may read either).
    const { status, body } = await users.getJson(`/users/${userId}`, traceHeadersFor(request));
    if (status !== 200) throw new HttpError(502, `users answered ${status}`, 'unavailable');
    const user = body as User;
    return { user_id: userId, name: user.name, country: countryOf(userId) };
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    request.log.warn({ error: error.message }, 'users unavailable');
    if (error.reason === 'deadline') throw new HttpError(504, 'users did not answer in time');
    throw new HttpError(503, 'users is unavailable, try again');
  }
});

await service.start();
