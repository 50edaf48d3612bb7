import type {StreamState} from '../../engine/view/snapshot.js';
import type {Tone} from './theme.js';

export interface StreamWord {
  word: string;
  tone: Tone;
}

/** Healthy states in lower case, trouble in capitals: readable without colour. */
export function streamWord(state: StreamState, synced: boolean): StreamWord {
  switch (state) {
    case 'live':
      return synced ? {word: 'live', tone: 'ok'} : {word: 'UNSYNCED', tone: 'warn'};
    case 'connecting':
      return {word: 'CONNECTING', tone: 'warn'};
    case 'syncing':
      return {word: 'SYNCING', tone: 'warn'};
    case 'stale':
      return {word: 'STALE', tone: 'bad'};
    // WebSocket down, book from REST snapshots: usable but degraded, in a colour of its own
    case 'polling':
      return {word: 'POLLING', tone: 'accent'};
    case 'down':
      return {word: 'DOWN', tone: 'bad'};
  }
}
