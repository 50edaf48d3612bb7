// Loads the official MEXC push schema by reflection (protobufjs parses the .proto at start-up), so the
// wire format comes from the schema text, never from hand-written byte parsing. Shared by the MEXC client
// (decoding) and the simulator (encoding): the schema is the only code they share.
import {readFileSync} from 'node:fs';
import protobuf from 'protobufjs';

const protoText = readFileSync(new URL('./PushDataV3ApiWrapper.proto', import.meta.url), 'utf8');
const root = protobuf.parse(protoText, {keepCase: true}).root;

export const PushDataV3ApiWrapper = root.lookupType('PushDataV3ApiWrapper');

/** Decoded wrapper as a plain object: int64 as strings, defaults filled, oneof name in `body`. */
export function decodePushWrapper(bytes: Uint8Array): Record<string, unknown> {
  const message = PushDataV3ApiWrapper.decode(bytes);
  return PushDataV3ApiWrapper.toObject(message, {longs: String, defaults: true, oneofs: true}) as Record<string, unknown>;
}

/** Encodes a plain object (field names as in the .proto; int64 as number or decimal string) into wire bytes. */
export function encodePushWrapper(payload: Record<string, unknown>): Uint8Array {
  return PushDataV3ApiWrapper.encode(PushDataV3ApiWrapper.fromObject(payload)).finish();
}
