// Wire shapes of KuCoin's public book data, built from the book model (docs/protocols/kucoin.md §3.3–§3.6).
// Numbers that KuCoin sends as strings (prices, sizes, per-change sequences, snapshot sequence) are
// strings here too; sequenceStart/sequenceEnd/time are JSON numbers.

import {formatScaled} from '../../wire/scaledDecimal.js';
import type {BookLevel, BookOp} from './bookModel.js';
import type {SeededRandom} from '../seededRandom.js';

export type Level2Triple = [price: string, size: string, sequence: string];

export interface L2UpdateData {
  changes: {asks: Level2Triple[]; bids: Level2Triple[]};
  sequenceEnd: number;
  sequenceStart: number;
  symbol: string;
  time: number;
}

export interface Scales {
  priceDecimals: number;
  sizeDecimals: number;
}

/**
 * Splits one step's ops into messages of 1..maxChunk ops. Inside a message repeated changes of one price
 * are coalesced to the last one, so per-change sequences can have holes while sequenceStart..sequenceEnd
 * still covers every sequence number, as KuCoin documents.
 */
export function buildL2Updates(
  ops: readonly BookOp[],
  symbol: string,
  time: number,
  scales: Scales,
  rng: Pick<SeededRandom, 'int'>,
  maxChunk = 8,
): L2UpdateData[] {
  const messages: L2UpdateData[] = [];
  let index = 0;
  while (index < ops.length) {
    const chunk = ops.slice(index, index + rng.int(1, maxChunk));
    index += chunk.length;
    const latest = new Map<string, BookOp>();
    for (const op of chunk) {
      const key = `${op.side}:${op.priceTicks}:${op.priceTicks === 0 ? op.sequence : ''}`;
      latest.delete(key);
      latest.set(key, op);
    }
    const changes: L2UpdateData['changes'] = {asks: [], bids: []};
    for (const op of latest.values()) {
      changes[op.side].push([
        formatScaled(op.priceTicks, scales.priceDecimals),
        formatScaled(op.sizeLots, scales.sizeDecimals),
        String(op.sequence),
      ]);
    }
    messages.push({
      changes,
      sequenceEnd: chunk[chunk.length - 1]!.sequence,
      sequenceStart: chunk[0]!.sequence,
      symbol,
      time,
    });
  }
  return messages;
}

export function formatLevels(levels: readonly BookLevel[], scales: Scales): [string, string][] {
  return levels.map((level) => [formatScaled(level.priceTicks, scales.priceDecimals), formatScaled(level.sizeLots, scales.sizeDecimals)]);
}
