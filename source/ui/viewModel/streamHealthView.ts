// What the streams line shows: every stream's state; the age of its last message, and (when wide) the
// reason, while it is unhealthy.
import type {StreamHealth, StreamName} from '../../engine/view/snapshot.js';
import {formatDuration} from './format.js';
import {streamWord, type StreamWord} from './streamWord.js';

const STREAMS: ReadonlyArray<{name: StreamName; label: string}> = [
  {name: 'kucoin.book', label: 'kucoin'},
  {name: 'mexc.book', label: 'mexc'},
  {name: 'mexc.user', label: 'user'},
  {name: 'mexc.listenKey', label: 'key'},
  {name: 'mexc.rest', label: 'rest'},
];

export interface StreamEntryView {
  label: string;
  state: StreamWord;
  /** since the last message, while the stream is not live */
  age: string | null;
  /** why it is not live (wide terminals only) */
  reason: string | null;
}

export function streamHealthView(streams: Record<StreamName, StreamHealth>, now: number, wide: boolean): StreamEntryView[] {
  return STREAMS.map(({name, label}) => {
    const health = streams[name];
    const troubled = health.state !== 'live';
    return {
      label,
      state: streamWord(health.state, true),
      age: troubled && health.lastMessageAt !== null ? formatDuration((now - health.lastMessageAt) / 1000) : null,
      reason: troubled && wide ? health.reason : null,
    };
  });
}
