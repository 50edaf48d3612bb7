// What the P&L line shows (docs/strategy.md §19): today's P&L versus holding the starting inventory, fees
// and fills, the inventory change and the base ratio start→now; a wide terminal adds turnover,
// mark-to-market and the since-start figure.
import type {LedgerView} from '../../engine/view/snapshot.js';
import {formatFraction, formatSignedQty, formatSignedUsdt, formatUsdt} from './format.js';

export type PnlView =
  /** the ledger has not begun: the line is blank (it keeps its place) */
  | {kind: 'none'}
  | {kind: 'noFills'}
  | {
      kind: 'figures';
      vsHold: string;
      /** negative: the cost of compliance (a warning) */
      vsHoldNegative: boolean;
      /** fees, fills, inventory change and base ratio, as one text */
      rest: string;
      /** wide terminals only */
      extra: string | null;
    };

export function pnlView(ledger: LedgerView | null, baseAsset: string, wide: boolean): PnlView {
  if (ledger === null) return {kind: 'none'};
  if (ledger.sinceStart.fills === 0) return {kind: 'noFills'};
  const {today, sinceStart} = ledger;
  return {
    kind: 'figures',
    vsHold: formatSignedUsdt(today.vsHold),
    vsHoldNegative: today.vsHold < 0,
    rest:
      `  fees ${formatUsdt(today.fees)}  ${today.fills.toLocaleString('en-US')} fills` +
      `  ${baseAsset} ${formatSignedQty(ledger.now.base - ledger.start.base)}` +
      `  base ${formatFraction(ledger.start.baseRatio, 1).replace('%', '')}→${formatFraction(ledger.now.baseRatio, 1)}`,
    extra: wide
      ? `  turnover ${formatUsdt(today.turnover)}  mtm ${formatSignedUsdt(today.markToMarket)}` +
        `  since start vs hold ${formatSignedUsdt(sinceStart.vsHold)} over ${sinceStart.fills.toLocaleString('en-US')} fills`
      : null,
  };
}
