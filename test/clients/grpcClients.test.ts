// users and kv as clients we did not write see them: grpcurl through reflection and through the .proto files,
// grpc-health-probe, and every log line checked against Cloud Logging's structured-logging format (ajv).
// Needs the binaries `node test/clients/prepare.ts` builds (a prepare step of `npm run test:heavy`).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot, type ServiceProcess, startService, stopAll } from '@podmesh/testkit/processes';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { goToolPath as toolPath } from '../delivery/goTool.ts';
import { grpcHealthProbe, grpcurl } from './tools.ts';

const exec = promisify(execFile);
const [grpcurlPath, probePath] = [toolPath(grpcurl), toolPath(grpcHealthProbe)];
if (!existsSync(grpcurlPath) || !existsSync(probePath)) {
  throw new Error('grpcurl / grpc-health-probe are not built: run `node test/clients/prepare.ts` first');
}

/**
 * grpcurl's outcome: the gRPC code name it reports (`OK` on success) and what it printed. `request` goes in on stdin
 * (`-d @`): a 1 MiB value is longer than one command-line argument may be.
 */
function grpcurlCall(
  args: string[],
  request?: object,
): Promise<{ code: string; stdout: string; stderr: string }> {
  const dataArgs = request === undefined ? [] : ['-d', '@'];
  const child = spawn(grpcurlPath, ['-plaintext', '-max-time', '10', ...dataArgs, ...args], {
    cwd: repoRoot,
  });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdin.end(request === undefined ? '' : JSON.stringify(request));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      if (exitCode === 0) return resolve({ code: 'OK', stdout, stderr });
      const code = /Code: (\w+)/.exec(stderr)?.[1];
      if (!code)
        reject(new Error(`grpcurl ${args.join(' ')} exited ${exitCode} without a gRPC status: ${stderr}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

// grpcurl names codes as Go does (codes.Code.String()): InvalidArgument, NotFound, …
type Case = [method: string, request: object, code: string];

const usersCases: Case[] = [
  ['podmesh.users.v1.UsersService/GetUser', { userId: '1234' }, 'OK'],
  ['podmesh.users.v1.UsersService/GetUser', { userId: 'x' }, 'InvalidArgument'],
  ['podmesh.users.v1.UsersService/GetUser', { userId: '1234567890123456789' }, 'InvalidArgument'],
  ['podmesh.users.v1.UsersService/GetUser', {}, 'InvalidArgument'],
];

const kv = 'podmesh.kv.v1.KeyValueService';
const kvCases = (run: string): Case[] => [
  [`${kv}/Put`, { key: `${run}/a`, value: Buffer.from('hello').toString('base64') }, 'OK'],
  [`${kv}/Get`, { key: `${run}/a` }, 'OK'],
  [`${kv}/Get`, { key: `${run}/missing` }, 'NotFound'],
  [`${kv}/Put`, { key: '', value: '' }, 'InvalidArgument'],
  [`${kv}/Put`, { key: 'k'.repeat(513), value: '' }, 'InvalidArgument'],
  [
    `${kv}/Put`,
    { key: `${run}/big`, value: Buffer.alloc(1024 * 1024 + 1).toString('base64') },
    'InvalidArgument',
  ],
  [`${kv}/Delete`, { key: `${run}/a` }, 'OK'],
  [`${kv}/Delete`, { key: `${run}/a` }, 'OK'], // idempotent: deleted = false
  [`${kv}/List`, { prefix: `${run}/`, pageSize: 10 }, 'OK'],
  [`${kv}/List`, { prefix: `${run}/`, pageSize: 1001 }, 'InvalidArgument'],
  [
    `${kv}/List`,
    { prefix: `${run}/`, pageToken: Buffer.from(`${run}/a`).toString('base64url') },
    'InvalidArgument',
  ],
  [`${kv}/Increment`, { key: `${run}/n`, delta: '5' }, 'OK'],
  [`${kv}/Put`, { key: `${run}/text`, value: Buffer.from('hello').toString('base64') }, 'OK'],
  [`${kv}/Increment`, { key: `${run}/text`, delta: '1' }, 'FailedPrecondition'],
  [`${kv}/Put`, { key: `${run}/max`, value: Buffer.from('9223372036854775807').toString('base64') }, 'OK'],
  [`${kv}/Increment`, { key: `${run}/max`, delta: '1' }, 'OutOfRange'],
];

describe('third-party gRPC clients', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kv-clients-'));
  let users: ServiceProcess | undefined;
  let kvProcess: ServiceProcess | undefined;
  const env = { GOOGLE_CLOUD_PROJECT: 'demo-project', LOG_LEVEL: 'debug' };
  before(async () => {
    users = await startService('users', { env });
    kvProcess = await startService('kv', { env: { ...env, KV_DATA_DIR: dataDir } });
  });
  after(async () => {
    await stopAll([users, kvProcess]);
    rmSync(dataDir, { recursive: true, force: true });
  });
  const address = (service: ServiceProcess | undefined) =>
    `127.0.0.1:${(service as ServiceProcess).grpcPort}`;

  test('reflection lists the services, health included', async () => {
    for (const [service, name] of [
      [users, 'podmesh.users.v1.UsersService'],
      [kvProcess, kv],
    ] as const) {
      const { code, stdout } = await grpcurlCall([address(service), 'list']);
      assert.equal(code, 'OK');
      const listed = stdout.trim().split('\n').sort();
      assert.ok(listed.includes(name), stdout);
      assert.ok(listed.includes('grpc.health.v1.Health'), stdout);
    }
  });

  const modes: Array<[string, (proto: string) => string[]]> = [
    ['reflection', () => []],
    ['the .proto files', (proto) => ['-import-path', 'proto', '-proto', proto]],
  ];
  for (const [mode, protoArgs] of modes) {
    test(`every method answers its documented status code, through ${mode}`, async () => {
      const run = mode === 'reflection' ? 'r' : 'p';
      const plan: Array<[ServiceProcess | undefined, string, Case[]]> = [
        [users, 'podmesh/users/v1/users.proto', usersCases],
        [kvProcess, 'podmesh/kv/v1/kv.proto', kvCases(run)],
      ];
      for (const [service, proto, cases] of plan) {
        for (const [method, request, expected] of cases) {
          const args = [...protoArgs(proto), address(service), method];
          const { code, stderr } = await grpcurlCall(args, request);
          assert.equal(code, expected, `${method} ${JSON.stringify(request).slice(0, 80)}: ${stderr}`);
        }
      }
    });
  }

  test('JSON field names are the same through reflection and through the .proto (json_name)', async () => {
    const outputs = [];
    for (const [, protoArgs] of modes) {
      const args = [...protoArgs('podmesh/users/v1/users.proto'), '-d', '{"userId":"42"}'];
      const { stdout } = await grpcurlCall([
        ...args,
        address(users),
        'podmesh.users.v1.UsersService/GetUser',
      ]);
      outputs.push(JSON.parse(stdout));
    }
    assert.deepEqual(Object.keys(outputs[0] ?? {}).sort(), ['name', 'userId']);
    assert.deepEqual(outputs[0], outputs[1]);
  });

  test('grpc-health-probe: the server and each service SERVING, an unknown service refused', async () => {
    for (const [service, name] of [
      [users, 'podmesh.users.v1.UsersService'],
      [kvProcess, kv],
    ] as const) {
      for (const serviceName of ['', name]) {
        // grpc-health-probe prints its verdict on stderr and exits 0 only for SERVING.
        const { stderr } = await exec(probePath, [`-addr=${address(service)}`, `-service=${serviceName}`]);
        assert.match(stderr, /status: SERVING/);
      }
      // grpc-health-probe exits 3 when the Check RPC fails (NOT_FOUND for a service it does not know).
      await assert.rejects(exec(probePath, [`-addr=${address(service)}`, '-service=podmesh.nope.v1.Nope']), {
        code: 3,
      });
    }
  });

  test('every log line is valid Cloud Logging structured JSON', async () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const schema = JSON.parse(readFileSync(new URL('./cloudLogging.schema.json', import.meta.url), 'utf8'));
    const validate = ajv.compile(schema);
    const lines = [...(users?.logs ?? []), ...(kvProcess?.logs ?? [])];
    assert.ok(lines.filter((line) => line.httpRequest).length >= 40, `${lines.length} lines`);
    for (const line of lines) {
      assert.ok(validate(line), `${JSON.stringify(line)}\n${ajv.errorsText(validate.errors)}`);
    }
    // The trace fields too: a traced call through grpcurl's -H.
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const before = users?.logs.length ?? 0;
    await grpcurlCall(
      [
        '-H',
        `traceparent: 00-${traceId}-00f067aa0ba902b7-01`,
        address(users),
        'podmesh.users.v1.UsersService/GetUser',
      ],
      { userId: '7' },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const traced = users?.logs.slice(before).find((line) => line.grpc) as Record<string, unknown>;
    assert.ok(validate(traced), ajv.errorsText(validate.errors));
    assert.equal(traced['logging.googleapis.com/trace'], `projects/demo-project/traces/${traceId}`);
    assert.equal(traced.parentSpanId, '00f067aa0ba902b7');
  });
});
