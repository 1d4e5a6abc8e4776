// `createService` is the one way a podmesh service starts: config, logs, metrics, probes, HTTP, gRPC, shutdown.
import type { FastifyInstance } from 'fastify';
import { type EnvSpec, loadConfig, type RuntimeConfig, runtimeEnv } from './config.ts';
import type { GrpcServer, GrpcServerOptions } from './grpcServer.ts';
import { Health } from './health.ts';
import { createHttpServer } from './httpServer.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { handleFatalErrors, handleShutdownSignals } from './shutdown.ts';

export interface ServiceOptions<S extends EnvSpec> {
  /** Default service name; `SERVICE_NAME` overrides it. */
  name: string;
  /** The service's own environment variables, validated with the runtime's. */
  env?: S;
  /**
   * For a service that serves gRPC: `grpcServer` from `@podmesh/runtime/grpc`. Passed in rather than imported
   * here so that a service without gRPC never loads grpc-js.
   */
  grpc?: (options: GrpcServerOptions) => GrpcServer;
}

export interface Service<C> {
  name: string;
  config: RuntimeConfig & C;
  log: Logger;
  metrics: Metrics;
  health: Health;
  http: FastifyInstance;
  /** The gRPC server (given `grpc` in the options), created on first use; started with the HTTP server. */
  grpc(): GrpcServer;
  /** Work to do on shutdown after the servers stopped (close stores, clients). */
  onClose(task: () => Promise<void> | void): void;
  /** Listens, marks the service ready and handles SIGTERM/SIGINT. Returns the bound ports. */
  start(): Promise<{ httpPort: number; grpcPort?: number }>;
}

export function createService<S extends EnvSpec = Record<never, never>>(options: ServiceOptions<S>) {
  const config = loadConfig({ ...runtimeEnv, ...(options.env ?? {}) } as typeof runtimeEnv & S);
  const name = config.SERVICE_NAME || options.name;
  const log = createLogger({ service: name, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  handleFatalErrors(log);
  const metrics = createMetrics(name);
  const health = new Health();
  const http = createHttpServer({ config, log, metrics, health });
  const closeTasks: Array<() => Promise<void> | void> = [];
  let grpcServer: GrpcServer | undefined;

  const service = {
    name,
    config,
    log,
    metrics,
    health,
    http,
    grpc() {
      if (!options.grpc) throw new Error(`${name} serves gRPC: pass { grpc: grpcServer } to createService`);
      grpcServer ??= options.grpc({ config, log, metrics, health });
      return grpcServer;
    },
    onClose(task: () => Promise<void> | void) {
      closeTasks.push(task);
    },
    async start() {
      try {
        await http.listen({ host: config.HOST, port: config.PORT });
        const httpPort = (http.server.address() as { port: number }).port;
        const grpcPort = grpcServer && (await grpcServer.bind(config.HOST, config.GRPC_PORT));
        health.set('ready');
        log.info({ host: config.HOST, httpPort, grpcPort }, `${name} ready`);
        return grpcPort === undefined ? { httpPort } : { httpPort, grpcPort };
      } catch (error) {
        log.fatal({ error }, `${name} could not start: ${(error as Error).message}`);
        process.exit(1);
      }
    },
  };
  // Installed before anything listens: as PID 1 in a container, a SIGTERM during start-up must stop us too.
  handleShutdownSignals({
    log,
    health,
    drainDelayMs: config.DRAIN_DELAY_MS,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    close: async () => {
      await Promise.all([http.close(), grpcServer?.close(config.SHUTDOWN_TIMEOUT_MS)]);
      for (const task of closeTasks) await task();
    },
  });
  return service satisfies Service<unknown>;
}
