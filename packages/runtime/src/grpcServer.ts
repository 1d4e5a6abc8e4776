// The gRPC side: grpc-js with standard health checking and reflection, and the same logs and metrics as HTTP.
import * as grpc from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import type { RuntimeConfig } from './config.ts';
import type { Health } from './health.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { jsonText, requestLineWriter } from './requestLine.ts';

const codeNames = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));

export interface GrpcServerOptions {
  config: RuntimeConfig;
  log: Logger;
  metrics: Metrics;
  health: Health;
}

export interface GrpcServer {
  /** Adds a service from a loaded proto package; its health status follows the process's readiness. */
  addService(definition: grpc.ServiceDefinition, implementation: grpc.UntypedServiceImplementation): void;
  /** Makes the services of these packages discoverable with grpcurl and other reflection clients. */
  enableReflection(packageDefinition: PackageDefinition): void;
  /** Listens; resolves to the bound port (the one asked for, or the kernel's pick for 0). */
  bind(host: string, port: number): Promise<number>;
  /** Lets in-flight calls finish, then forces the rest closed when the deadline passes. */
  close(timeoutMs: number): Promise<void>;
}

const serverFaults = new Set([grpc.status.INTERNAL, grpc.status.UNKNOWN, grpc.status.DATA_LOSS]);

/** Server faults at error, other failures at warn; health checks and reflection (`grpc.*`) at debug. */
function levelOf(code: grpc.status, grpcService: string): 'error' | 'warn' | 'info' | 'debug' {
  if (serverFaults.has(code)) return 'error';
  if (code !== grpc.status.OK) return 'warn';
  return grpcService.startsWith('grpc.') ? 'debug' : 'info';
}

function observe({ config, log, metrics }: GrpcServerOptions): grpc.ServerInterceptor {
  // Read once: the config is envalid's validating Proxy, too slow to consult on every call.
  const { LOG_REQUESTS: logRequests, METRICS: recordMetrics, GOOGLE_CLOUD_PROJECT: project } = config;
  const writeLine = requestLineWriter(log, project);
  return (method, call) => {
    const started = process.hrtime.bigint();
    const [, grpcService = '', grpcMethod = ''] = method.path.split('/');
    let metadata: grpc.Metadata | undefined;
    return new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (received, nextMetadata) => {
            metadata = received;
            nextMetadata(received);
          },
        }),
      sendStatus: (status, next) => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const code = codeNames[status.code] ?? 'UNKNOWN';
        if (recordMetrics) metrics.grpcServer.record(grpcService, grpcMethod, code, seconds);
        const level = levelOf(status.code, grpcService);
        if (logRequests && log.isLevelEnabled(level)) {
          const first = (key: string) => metadata?.get(key)[0]?.toString();
          const detail =
            status.code !== grpc.status.OK && status.details !== undefined
              ? `,"detail":${jsonText(status.details)}`
              : '';
          writeLine(level, {
            method: 'POST',
            url: method.path,
            status: 200,
            seconds,
            userAgent: first('user-agent') ?? '',
            remoteIp: call.getPeer(),
            protocol: 'HTTP/2',
            fields: `,"grpc":{"service":${jsonText(grpcService)},"method":${jsonText(grpcMethod)},"code":"${code}"${detail}}`,
            traceparent: first('traceparent'),
            cloudTrace: first('x-cloud-trace-context'),
            message: `${method.path} ${code}`,
          });
        }
        next(status);
      },
    });
  };
}

export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  const server = new grpc.Server({ interceptors: [observe(options)] });
  const healthService = new HealthImplementation({ '': 'NOT_SERVING' });
  healthService.addToServer(server);
  const names: string[] = [''];
  options.health.onChange((state) => {
    for (const name of names) healthService.setStatus(name, state === 'ready' ? 'SERVING' : 'NOT_SERVING');
  });
  return {
    addService(definition, implementation) {
      server.addService(definition, implementation);
      const first = Object.values(definition)[0];
      const name = first?.path.split('/')[1];
      if (name) {
        names.push(name);
        healthService.setStatus(name, options.health.ready ? 'SERVING' : 'NOT_SERVING');
      }
    },
    enableReflection(packageDefinition) {
      new ReflectionService(packageDefinition).addToServer(server);
    },
    bind(host, port) {
      return new Promise((resolve, reject) => {
        server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, boundPort) =>
          error ? reject(error) : resolve(boundPort),
        );
      });
    },
    close(timeoutMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, timeoutMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
