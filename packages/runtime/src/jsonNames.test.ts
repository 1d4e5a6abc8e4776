import assert from 'node:assert/strict';
import { test } from 'node:test';
import type protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import { protocJsonName } from './jsonNames.ts';
import { loadProto } from './proto.ts';

test('json_name is protoc’s: underscores dropped, the next letter capitalised', () => {
  assert.equal(protocJsonName('user_id'), 'userId');
  assert.equal(protocJsonName('next_page_token'), 'nextPageToken');
  assert.equal(protocJsonName('key'), 'key');
  assert.equal(protocJsonName('a__b_c'), 'aBC');
});

test('every field of the served descriptors carries its json_name', () => {
  const { definition } = loadProto('podmesh/kv/v1/kv.proto', 'podmesh/users/v1/users.proto');
  const { FileDescriptorProto } = descriptor as unknown as { FileDescriptorProto: protobuf.Type };
  const files = (definition['podmesh.kv.v1.ListRequest'] as { fileDescriptorProtos: Buffer[] })
    .fileDescriptorProtos;
  const fields = files.flatMap((bytes) => {
    const file = FileDescriptorProto.decode(bytes) as unknown as {
      messageType: Array<{ name: string; field: Array<{ name: string; jsonName?: string }> }>;
    };
    return file.messageType.flatMap((message) => message.field.map((field) => [field.name, field.jsonName]));
  });
  assert.ok(fields.length > 10);
  for (const [name, jsonName] of fields) assert.equal(jsonName, protocJsonName(name as string), name);
  assert.ok(fields.some(([name, jsonName]) => name === 'user_id' && jsonName === 'userId'));
});
