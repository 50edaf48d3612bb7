// The fill ledger in `mexc-mm status`: today's and since-start P&L from the state file's `ledger`
// (USDT at the reference mid): P&L versus holding (the cost of compliance when negative), fees, fills,
// turnover, the 60 s markout sum and the inventory change.
import type {LedgerView, PnlFigures} from '../engine/view/ledgerView.js';
import {formatAmount, formatFraction, formatSignedAmount, formatTime} from './displayFormat.js';
import {utcDay} from './journalFiles.js';

export interface Assets {
  baseAsset: string;
  quoteAsset: string;
}

const labelWidth = 11;

function periodLines(label: string, p: PnlFigures, assets: Assets): string[] {
  const q = assets.quoteAsset;
  const indent = ' '.repeat(2 + labelWidth + 2);
  return [
    `  ${label.padEnd(labelWidth)}  vs hold ${formatSignedAmount(p.vsHold, 4)} ${q} (cost of compliance), fees ${formatAmount(p.fees, 4)} ${q}`,
    `${indent}${formatAmount(p.fills, 0)} fills, turnover ${formatAmount(p.turnover)} ${q}, 60s markouts ${p.markoutCounts.s60 === 0 ? 'none yet' : `${formatSignedAmount(p.markoutSums.s60, 4)} ${q} (${p.markoutCounts.s60})`}`,
    `${indent}inventory ${formatSignedAmount(p.baseChange, 8)} ${assets.baseAsset}, ${formatSignedAmount(p.quoteChange, 4)} ${q}`,
  ];
}

/** The ledger's lines; one line saying there is none when the state file has no ledger (older, or not begun). */
export function ledgerStatusLines(ledger: LedgerView | null | undefined, assets: Assets, now: number): string[] {
  if (!ledger) return ['ledger    none yet (an older state file, or no balances and price yet)'];
  const day = utcDay(ledger.today.from);
  return [
    `ledger    since ${formatTime(ledger.start.at)}; base ratio ${formatFraction(ledger.start.baseRatio, 1)} then, ${formatFraction(ledger.now.baseRatio, 1)} now`,
    ...periodLines(day === utcDay(now) ? 'today' : day, ledger.today, assets),
    ...periodLines('since start', ledger.sinceStart, assets),
  ];
}
