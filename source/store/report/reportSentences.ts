// The sentences of `mexc-mm report` around its tables, shared by the text and markdown formats.
import {formatAmount, formatTime} from '../displayFormat.js';
import type {JournalReport} from './journalReport.js';
import {hourLabel, type PnlReport} from './pnlReport.js';
import type {TradeList} from './tradeList.js';

export function titleSentence(r: JournalReport): string {
  const range =
    r.firstSampleAt === null || r.lastSampleAt === null ? 'no compliance samples' : `${formatTime(r.firstSampleAt)} → ${formatTime(r.lastSampleAt)}`;
  return `mexc-mm compliance report${r.since === null ? '' : ` since ${formatTime(r.since)}`}: ${range}`;
}

export function rulesSentence(r: JournalReport): string {
  const t = r.thresholds;
  const from = r.rulesFrom === null ? 'defaults' : `from --config ${r.rulesFrom}`;
  return `rules (${from}): spread < ${(t.maxSpreadPct * 100).toFixed(2)} %, ≥ ${formatAmount(t.minDepthUsdt)} USDT per side (per-side reading) or in total (combined reading), depth within ±${formatAmount(t.bandPct * 100)} % of mid`;
}

/** the order counts, then (when there are any) the other order events and the rejection reasons */
export function orderSentences(r: JournalReport): string[] {
  const o = r.orders;
  const lines = [`orders: placed ${o.placed} (bid ${o.placedBySide.BUY}, ask ${o.placedBySide.SELL}), cancelled ${o.cancelled}, rejected ${o.rejected}`];
  const others = Object.entries(o.byAction)
    .filter(([action]) => !['placed', 'cancelled', 'rejected'].includes(action))
    .map(([action, count]) => `${action} ${count}`);
  if (others.length > 0) lines.push(`other order events: ${others.join(', ')}`);
  if (o.rejectReasons.length > 0) lines.push(`rejections: ${o.rejectReasons.map((x) => `${x.reason} ×${x.count}`).join(', ')}`);
  return lines;
}

export function fillSentence(r: JournalReport): string {
  const f = r.fills;
  const repeats = f.duplicates > 0 ? `; ${f.duplicates} fill records of a trade already counted ignored` : '';
  return `fills: ${f.count}: ${f.bySide.BUY} buys (${formatAmount(f.baseVolume.BUY, 8)} base for ${formatAmount(f.quoteVolume.BUY)} quote), ${f.bySide.SELL} sells (${formatAmount(f.baseVolume.SELL, 8)} base for ${formatAmount(f.quoteVolume.SELL)} quote)${repeats}`;
}

export function readSentence(r: JournalReport): string {
  return `read ${r.read.files} files, ${formatAmount(r.read.lines, 0)} lines${r.read.corrupt > 0 ? `, ${r.read.corrupt} corrupt lines skipped` : ''}`;
}

export const pnlIntro =
  'P&L in USDT at the reference mid. vs hold: against holding the starting inventory, the cost of compliance when negative; MtM: the change in the inventory\'s value; Δ base, Δ USDT: the inventory drift, base ratio at the end; mo: markout sums (negative: picked off), adverse: what that cost at 60 s';

export const noPnlSentence = 'P&L: no hours in the pnl journal or the state file (the ledger journals an hour a minute after it ends)';

export function pnlNotes(pnl: PnlReport): string[] {
  const notes: string[] = [];
  const open = pnl.hours.find((hour) => hour.open);
  const closed = pnl.stateHours.filter((from) => from !== open?.from).map(hourLabel);
  if (open) notes.push(`${open.label} is still open: its figures up to ${formatTime(open.to)}, from the state file`);
  if (closed.length > 0) notes.push(`not journalled yet, from the state file: ${closed.join(', ')}`);
  if (pnl.repeatedHours > 0) notes.push(`${pnl.repeatedHours} hours journalled twice: the later record counted`);
  return notes;
}

export function tradeNotes(list: TradeList): string[] {
  const notes = [`${list.trades.length} trades; ${list.unmeasured} without markouts (measured 60 s after the fill; none for fills from before the ledger)`];
  if (list.repeatedFills > 0) notes.push(`${list.repeatedFills} fill records of a trade already listed ignored`);
  if (list.repeatedMarkouts > 0) notes.push(`${list.repeatedMarkouts} repeated markout records ignored`);
  return notes;
}
