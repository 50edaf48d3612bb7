// What the console shows of the ledger's markouts (docs/strategy.md §19): per fill, the markout at 1 s,
// 10 s and 60 s, or that it is still to come. Pure, so the pending / not-measured cases are tested alone.
import type {LedgerView} from '../../engine/view/snapshot.js';
import {formatSignedUsdt} from './format.js';

export type LedgerFill = LedgerView['recentFills'][number];
export type MarkoutKey = keyof LedgerFill['markouts'];

/** The markout horizons, in the ledger's order. */
export const HORIZONS: ReadonlyArray<{key: MarkoutKey; label: string; seconds: number}> = [
  {key: 's1', label: '1s', seconds: 1},
  {key: 's10', label: '10s', seconds: 10},
  {key: 's60', label: '60s', seconds: 60},
];

/**
 * How long past its horizon a missing markout still counts as "pending": the engine reads the reference at
 * its next compliance tick after the horizon, and the snapshot is published after that.
 */
export const MARKOUT_GRACE_MS = 5000;

export type MarkoutCell = {kind: 'value'; value: number} | {kind: 'pending'} | {kind: 'none'};

/** A fill's markout at one horizon as of `now`: measured, still to come, or never measured (no reference then). */
export function markoutCell(fill: LedgerFill, horizon: {key: MarkoutKey; seconds: number}, now: number): MarkoutCell {
  const value = fill.markouts[horizon.key];
  if (value !== null && Number.isFinite(value)) return {kind: 'value', value};
  return now < fill.at + horizon.seconds * 1000 + MARKOUT_GRACE_MS ? {kind: 'pending'} : {kind: 'none'};
}

export function markoutText(cell: MarkoutCell): string {
  switch (cell.kind) {
    case 'value':
      return formatSignedUsdt(cell.value);
    case 'pending':
      return 'pending';
    case 'none':
      return '—';
  }
}

/** The newest `count` fills, newest first (the ledger lists them newest last). */
export function newestFills(fills: readonly LedgerFill[], count: number): LedgerFill[] {
  return fills.slice(Math.max(0, fills.length - count)).reverse();
}
