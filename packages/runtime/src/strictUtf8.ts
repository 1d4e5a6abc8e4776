// protobufjs decodes a `string` field lossily: invalid UTF-8 becomes U+FFFD, so the keys 0xFF and 0xFE both
// arrive as "\ufffd" and one silently overwrites the other. The protobuf spec says a proto3 string holds valid
// UTF-8, and a parser must reject anything else. This walks a request's wire bytes before protobufjs sees them
// and names the first string field that is not valid UTF-8, so the server can answer INVALID_ARGUMENT.
import type { MessageTypeDefinition } from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

interface FieldDescriptor {
  name: string;
  number: number;
  type: string;
}

/** The names of a message's string fields by field number; throws for a nested message field (not walked). */
function stringFields(type: MessageTypeDefinition<object, object>): Map<number, string> {
  const descriptor = type.type as { name: string; field: FieldDescriptor[] };
  const fields = new Map<number, string>();
  for (const field of descriptor.field) {
    if (field.type === 'TYPE_STRING') fields.set(field.number, field.name);
    if (field.type === 'TYPE_MESSAGE' || field.type === 'TYPE_GROUP') {
      // No request message nests one today; fail at start-up rather than let a nested string through unchecked.
      throw new Error(`${descriptor.name}.${field.name}: nested request messages are not checked for UTF-8`);
    }
  }
  return fields;
}

/**
 * A check for one request type: given the wire bytes, the name of the first string field that is not valid
 * UTF-8, or undefined. Throws for bytes that are not a whole message: protobufjs's string decoding reads a
 * truncated field without complaint (`0a 05 41` decodes to "A"), so that check is made here too.
 */
export function utf8Checker(
  type: MessageTypeDefinition<object, object>,
): (wire: Uint8Array) => string | undefined {
  const fields = stringFields(type);
  if (fields.size === 0) return () => undefined;
  return (wire) => {
    const reader = protobuf.Reader.create(wire);
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const name = fields.get(tag >>> 3);
      if (name !== undefined && (tag & 7) === 2) {
        const bytes = reader.bytes();
        try {
          fatalUtf8.decode(bytes);
        } catch {
          return name;
        }
      } else {
        reader.skipType(tag & 7);
      }
    }
    return undefined;
  };
}
