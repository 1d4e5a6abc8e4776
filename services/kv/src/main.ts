// kv: podmesh.kv.v1.KeyValueService over gRPC, on LMDB; HTTP serves only health and metrics.
import { createService, str } from '@podmesh/runtime';
import { grpcServer, loadProto } from '@podmesh/runtime/grpc';
import type { ProtoGrpcType } from '../../../proto/generated/kv.ts';
import { prepareDataDir } from './dataDir.ts';
import { keyValueHandlers } from './handlers.ts';
import { openStore, type Store } from './store.ts';

const service = createService({
  name: 'kv',
  grpc: grpcServer,
  env: {
    KV_DATA_DIR: str({ desc: 'LMDB directory on a persistent volume (/data in a container)' }),
  },
});
const { log } = service;

function fail(message: string): never {
  log.fatal(`kv cannot start: ${message}`);
  process.exit(1);
}

const dataDir = prepareDataDir(service.config.KV_DATA_DIR);
if ('problem' in dataDir) fail(`data directory ${dataDir.problem}`);
let store: Store;
try {
  store = openStore(dataDir.path);
} catch (error) {
  fail(`LMDB could not open ${dataDir.path}: ${(error as Error).message}`);
}
log.info({ dataDir: dataDir.path }, 'store open');
service.onClose(() => store.close());

const proto = loadProto<ProtoGrpcType>('podmesh/kv/v1/kv.proto');
const grpc = service.grpc();
grpc.addService(proto.grpcObject.podmesh.kv.v1.KeyValueService.service, keyValueHandlers(store, log));
grpc.enableReflection(proto.definition);

// Ready (HTTP /readyz and gRPC health) only from here: the store is open.
await service.start();
