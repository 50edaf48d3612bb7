// What a side's status line shows: QUOTING / HELD, our depth in the band against the target, and the
// reason when it is not quoting or not fully funded; and the balances line.
import type {EngineSnapshot, SideStatus} from '../../engine/view/snapshot.js';
import {formatFraction, formatQty, formatUsdt} from './format.js';

export interface SideStatusView {
  side: 'bid' | 'ask';
  /** "QUOTING" or "HELD", padded to 7 */
  word: string;
  /** held (bad), quoting with a reason (warn), quoting (ok) */
  tone: 'ok' | 'warn' | 'bad';
  /** our depth reaches the target */
  funded: boolean;
  ownDepth: string;
  target: string;
  reason: string | null;
}

export function sideStatusView(side: 'bid' | 'ask', status: SideStatus): SideStatusView {
  return {
    side,
    word: (status.quoting ? 'QUOTING' : 'HELD').padEnd(7),
    tone: !status.quoting ? 'bad' : status.reason === null ? 'ok' : 'warn',
    funded: status.ownDepth >= status.target,
    ownDepth: formatUsdt(status.ownDepth),
    target: formatUsdt(status.target),
    reason: status.reason,
  };
}

export interface BalanceView {
  base: {asset: string; amounts: string};
  quote: {asset: string; amounts: string};
  baseRatio: string;
}

/** Balances (free / locked in orders) and the base ratio. */
export function balanceView(balances: EngineSnapshot['balances']): BalanceView {
  const {base, quote, baseRatio} = balances;
  return {
    base: {asset: base.asset, amounts: `free ${formatQty(base.free)} lock ${formatQty(base.locked)}`},
    quote: {asset: quote.asset, amounts: `free ${formatUsdt(quote.free)} lock ${formatUsdt(quote.locked)}`},
    baseRatio: `base ratio ${formatFraction(baseRatio, 1)}`,
  };
}
