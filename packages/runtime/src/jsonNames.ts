// protobufjs builds the descriptors proto-loader hands to reflection without `json_name`, which protoc always sets
// (the field name in lowerCamelCase). Reflection clients (grpcurl) then name JSON fields `user_id` where clients
// built from the .proto files say `userId`. This adds the json_name protoc would write to every field.
import type { PackageDefinition } from '@grpc/proto-loader';
import type protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';

interface MessageDescriptor {
  field?: Array<{ name: string; jsonName?: string }>;
  extension?: Array<{ name: string; jsonName?: string }>;
  nestedType?: MessageDescriptor[];
}

/** protoc's ToJsonName: drop each underscore and capitalise the letter after it. */
export function protocJsonName(field: string): string {
  let name = '';
  let upper = false;
  for (const char of field) {
    if (char === '_') upper = true;
    else {
      name += upper ? char.toUpperCase() : char;
      upper = false;
    }
  }
  return name;
}

function nameFields(message: MessageDescriptor): void {
  for (const field of [...(message.field ?? []), ...(message.extension ?? [])]) {
    field.jsonName = protocJsonName(field.name);
  }
  for (const nested of message.nestedType ?? []) nameFields(nested);
}

function withJsonNamesInFile(bytes: Buffer): Buffer {
  const { FileDescriptorProto } = descriptor as unknown as { FileDescriptorProto: protobuf.Type };
  const file = FileDescriptorProto.decode(bytes) as unknown as {
    messageType?: MessageDescriptor[];
  } & MessageDescriptor;
  for (const message of file.messageType ?? []) nameFields(message);
  for (const field of file.extension ?? []) field.jsonName = protocJsonName(field.name);
  return Buffer.from(FileDescriptorProto.encode(file as unknown as protobuf.Message).finish());
}

/** Sets json_name in the serialized descriptors of every type and service in `definition` (in place). */
export function withJsonNames(definition: PackageDefinition): PackageDefinition {
  // proto-loader gives every type of one load the same array of file descriptors: rewrite each array once.
  const lists = new Set<Buffer[]>();
  for (const entry of Object.values(definition)) {
    if ('fileDescriptorProtos' in entry) lists.add(entry.fileDescriptorProtos as Buffer[]);
    else {
      for (const method of Object.values(entry)) {
        lists.add(method.requestType.fileDescriptorProtos as Buffer[]);
        lists.add(method.responseType.fileDescriptorProtos as Buffer[]);
      }
    }
  }
  for (const list of lists) list.splice(0, list.length, ...list.map(withJsonNamesInFile));
  return definition;
}
