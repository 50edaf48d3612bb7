// Classifies one MEXC WebSocket frame (docs/protocols/mexc.md §4.1, §4.3): control answers are JSON text,
// data pushes are binary, each exactly one PushDataV3ApiWrapper decoded with the official schema.
import {decodePushWrapper} from '../../wire/mexcProtobuf/schema.js';

export type PushWrapper = Record<string, unknown> & {channel: string; body?: string};

export type WsFrame =
  | {kind: 'push'; wrapper: PushWrapper}
  | {kind: 'ack'; id: number; code: number; msg: string}
  | {kind: 'pong'}
  /** a text frame that is not JSON, e.g. "Invalid listen key" */
  | {kind: 'text'; text: string}
  | {kind: 'malformed'; reason: string};

export function classifyFrame(data: Buffer, isBinary: boolean): WsFrame {
  if (isBinary) {
    let wrapper: Record<string, unknown>;
    try {
      wrapper = decodePushWrapper(data);
    } catch (error) {
      return {kind: 'malformed', reason: `protobuf decode failed: ${error instanceof Error ? error.message : String(error)}`};
    }
    if (typeof wrapper.channel !== 'string' || wrapper.channel === '') return {kind: 'malformed', reason: 'push without channel'};
    return {kind: 'push', wrapper: wrapper as PushWrapper};
  }
  const text = data.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {kind: 'text', text: text.slice(0, 200)};
  }
  if (typeof parsed !== 'object' || parsed === null) return {kind: 'malformed', reason: `unexpected JSON ${text.slice(0, 100)}`};
  const {id, code, msg} = parsed as {id?: unknown; code?: unknown; msg?: unknown};
  if (typeof msg !== 'string') return {kind: 'malformed', reason: `JSON frame without msg: ${text.slice(0, 100)}`};
  if (msg.toUpperCase() === 'PONG') return {kind: 'pong'};
  return {kind: 'ack', id: typeof id === 'number' ? id : Number(id ?? 0) || 0, code: typeof code === 'number' ? code : Number(code ?? 0) || 0, msg};
}
