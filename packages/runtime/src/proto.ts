// Loads the contracts in /proto at run time (protobufjs via proto-loader): the .proto files are the source
// of truth; the generated TypeScript under proto/generated only types them.
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { withJsonNames } from './jsonNames.ts';

export const protoRoot = fileURLToPath(new URL('../../../proto/', import.meta.url));

/** Field names as written in the .proto (`user_id`), int64 as strings: what JSON and the generated types use. */
export const protoOptions: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [protoRoot],
};

export function loadProto<T = grpc.GrpcObject>(...files: string[]) {
  const definition = withJsonNames(protoLoader.loadSync(files, protoOptions));
  return { definition, grpcObject: grpc.loadPackageDefinition(definition) as unknown as T };
}
