// The gRPC side: grpc-js with standard health checking and reflection, and the same logs and metrics as HTTP.
import * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition, PackageDefinition } from '@grpc/proto-loader';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import type { RuntimeConfig } from './config.ts';
import { grpcCodeLabel, grpcTypeLabel } from './grpcCodes.ts';
import type { Health } from './health.ts';
import { withJsonNames } from './jsonNames.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { protoOptions } from './proto.ts';
import { jsonText, requestLineWriter } from './requestLine.ts';
import { utf8Checker } from './strictUtf8.ts';
import { spanFor } from './trace.ts';

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

/** What a finished call is logged and counted from, whichever layer answered it. */
interface FinishedCall {
  path: string;
  status: { code?: grpc.status; details?: string };
  /** The HTTP/2 status: 200 for every gRPC answer, 415 for a request that is not gRPC at all. */
  httpStatus: number;
  header: (key: string) => string | undefined;
  peer: string;
  started: bigint;
  /**
   * `grpc_type`. A call refused before any handler has no method to read it from: grpc-go handles such a call
   * as a bidirectional stream (its unknown-service handler), so go-grpc-prometheus would say `bidi_stream`.
   */
  grpcType?: string;
}

/** Logs and counts one finished call: the same line and sample for a handler's answer and grpc-js's own. */
function callRecorder({ config, log, metrics }: GrpcServerOptions): (call: FinishedCall) => void {
  // Read once: the config is envalid's validating Proxy, too slow to consult on every call.
  const { LOG_REQUESTS: logRequests, METRICS: recordMetrics, GOOGLE_CLOUD_PROJECT: project } = config;
  const writeLine = requestLineWriter(log, project);
  return ({ path, status, httpStatus, header, peer, started, grpcType = 'bidi_stream' }) => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [, grpcService = '', grpcMethod = ''] = path.split('/');
    const code = codeNames[status.code ?? grpc.status.UNKNOWN] ?? 'UNKNOWN';
    if (recordMetrics) {
      const label = grpcCodeLabel(status.code ?? grpc.status.UNKNOWN);
      metrics.grpcServer.record(grpcService, grpcMethod, label, seconds, { grpc_type: grpcType });
    }
    const level = levelOf(status.code ?? grpc.status.UNKNOWN, grpcService);
    if (logRequests && log.isLevelEnabled(level)) {
      const detail =
        status.code !== grpc.status.OK && status.details !== undefined
          ? `,"detail":${jsonText(status.details)}`
          : '';
      writeLine(level, {
        method: 'POST',
        url: path,
        status: httpStatus,
        seconds,
        userAgent: header('user-agent') ?? '',
        remoteIp: peer,
        protocol: 'HTTP/2',
        fields: `,"grpc":{"service":${jsonText(grpcService)},"method":${jsonText(grpcMethod)},"code":"${code}"${detail}}`,
        span: spanFor(header('traceparent'), header('x-cloud-trace-context')),
        message: `${path} ${code}`,
      });
    }
  };
}

function observe(record: (call: FinishedCall) => void): grpc.ServerInterceptor {
  return (method, call) => {
    const started = process.hrtime.bigint();
    let metadata: grpc.Metadata | undefined;
    const header = (key: string) => metadata?.get(key)[0]?.toString();
    // grpc-js answers an undecodable or oversized message itself, on the call below this interceptor, without
    // passing through ours: the record is taken there, so those answers are logged and counted too.
    const sendStatus = call.sendStatus.bind(call);
    let recorded = false;
    call.sendStatus = (status) => {
      if (!recorded) {
        recorded = true;
        const grpcType = grpcTypeLabel(method);
        record({
          path: method.path,
          status,
          httpStatus: 200,
          header,
          peer: call.getPeer(),
          started,
          grpcType,
        });
      }
      sendStatus(status);
    };
    let refused = false;
    const intercepting: grpc.ServerInterceptingCall = new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (received, nextMetadata) => {
            metadata = received;
            nextMetadata(received);
          },
          // A request the strict decoder refused never reaches the handler (strictUtf8.ts).
          onReceiveMessage: (message, nextMessage) => {
            if (message instanceof InvalidRequest) {
              refused = true;
              intercepting.sendStatus({ code: grpc.status.INVALID_ARGUMENT, details: message.reason });
              return;
            }
            nextMessage(message);
          },
          onReceiveHalfClose: (nextHalfClose) => {
            if (!refused) nextHalfClose();
          },
        }),
    });
    return intercepting;
  };
}

/** A request a deserializer refused, handed on in place of the message so the call ends INVALID_ARGUMENT. */
class InvalidRequest {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}

/** The definition with each request checked for invalid UTF-8 in its string fields before it is decoded. */
function strictDefinition(definition: grpc.ServiceDefinition): grpc.ServiceDefinition {
  const strict: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const [name, method] of Object.entries(definition)) {
    const requestType = (method as { requestType?: MessageTypeDefinition<object, object> }).requestType;
    if (!requestType) {
      strict[name] = method;
      continue;
    }
    const invalidField = utf8Checker(requestType);
    const decode = method.requestDeserialize;
    strict[name] = {
      ...method,
      requestDeserialize: (wire: Buffer) => {
        const field = invalidField(wire);
        return field === undefined ? decode(wire) : new InvalidRequest(`${field} is not valid UTF-8`);
      },
    };
  }
  return strict;
}

/**
 * grpc-js refuses some requests before any interceptor exists: an unknown method (UNIMPLEMENTED) and a request
 * that is not gRPC (HTTP 415). Its server has no hook for them, so its two private steps that answer them are
 * wrapped here (pinned grpc-js version; grpcServer.test.ts fails if they change).
 */
function recordRefusedStreams(server: grpc.Server, record: (call: FinishedCall) => void): void {
  type Headers = Record<string, string | string[] | undefined>;
  type Stream = { session?: { socket?: { remoteAddress?: string; remotePort?: number } } };
  const internals = server as unknown as {
    _verifyContentType(stream: Stream, headers: Headers): boolean;
    _respondWithError(
      error: { code?: grpc.status; details?: string },
      stream: Stream,
      ...rest: unknown[]
    ): void;
  };
  const seen = new WeakMap<Stream, { headers: Headers; started: bigint }>();
  const finished = (stream: Stream, headers: Headers, started: bigint) => {
    const socket = stream.session?.socket;
    const header = (key: string) => [headers[key]].flat()[0];
    return {
      path: String(header(':path') ?? ''),
      header,
      peer: `${socket?.remoteAddress}:${socket?.remotePort}`,
      started,
    };
  };
  const verify = internals._verifyContentType.bind(server);
  internals._verifyContentType = (stream, headers) => {
    const started = process.hrtime.bigint();
    const grpcRequest = verify(stream, headers);
    if (grpcRequest) seen.set(stream, { headers, started });
    else {
      const status = { code: grpc.status.UNKNOWN, details: 'not a gRPC request (content-type)' };
      record({ ...finished(stream, headers, started), status, httpStatus: 415 });
    }
    return grpcRequest;
  };
  const respond = internals._respondWithError.bind(server);
  internals._respondWithError = (error, stream, ...rest) => {
    const request = seen.get(stream);
    if (request)
      record({ ...finished(stream, request.headers, request.started), status: error, httpStatus: 200 });
    respond(error, stream, ...rest);
  };
}

export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  const record = callRecorder(options);
  const server = new grpc.Server({ interceptors: [observe(record)] });
  recordRefusedStreams(server, record);
  const healthService = new HealthImplementation({ '': 'NOT_SERVING' });
  healthService.addToServer(server);
  const names: string[] = [''];
  options.health.onChange((state) => {
    for (const name of names) healthService.setStatus(name, state === 'ready' ? 'SERVING' : 'NOT_SERVING');
  });
  return {
    addService(definition, implementation) {
      server.addService(strictDefinition(definition), implementation);
      const first = Object.values(definition)[0];
      const name = first?.path.split('/')[1];
      if (name) {
        names.push(name);
        healthService.setStatus(name, options.health.ready ? 'SERVING' : 'NOT_SERVING');
      }
    },
    enableReflection(packageDefinition) {
      // The health service is served too, so reflection lists it (grpcurl list, grpc-health-probe's users).
      const health = withJsonNames(protoLoader.loadSync(healthProtoPath, protoOptions));
      new ReflectionService({ ...health, ...packageDefinition }).addToServer(server);
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
