// The ledger of our fills (docs/strategy.md §19): every fill with the reference and MEXC mids at it and
// its markouts, the inventory it moved, and the P&L per hour, per UTC day and since the ledger began,
// valued at the reference (KuCoin) mid. Written only by the consumer (ledgerUpdates.ts); persisted in
// the state file so a restart neither loses nor double counts a fill (each trade id counts once).
import {MARKOUT_HORIZONS_SEC, MARKOUT_KEYS, type InventoryReading, type LedgerFill, type LedgerStart, type LedgerView, type MarkoutKey, type PersistedLedger, type PnlFigures} from '../view/ledgerView.js';

export type {PersistedLedger};
import {applyToPosition, FLAT, unrealisedAt, type Position} from './averageCost.js';
import {addFill, addMarkout, openBucket, periodFigures} from './pnlPeriod.js';
import type {PeriodBucket} from '../view/ledgerView.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** periods kept: 48 hours, 30 days; the newest fills shown; trade ids remembered against duplicates */
export const KEPT_HOURS = 48;
export const KEPT_DAYS = 30;
export const RECENT_FILLS = 50;
export const REMEMBERED_TRADE_IDS = 5000;
/** a closed hour is journalled once its fills' last markout horizon (60 s) has passed, plus a second */
export const HOUR_JOURNAL_DELAY_MS = (MARKOUT_HORIZONS_SEC[MARKOUT_HORIZONS_SEC.length - 1]! + 1) * 1000;

/** A fill as the ledger takes it: display units, the fee already valued in USDT. */
export interface LedgerFillInput {
  at: number;
  tradeId: string;
  clientOrderId: string;
  orderId: string;
  side: 'BUY' | 'SELL';
  price: number;
  qty: number;
  fee: number;
  feeAsset: string;
  feeQuote: number;
  /** base and USDT the fill moved (fees included) */
  baseChange: number;
  quoteChange: number;
  refMid: number | null;
  mexcMid: number | null;
}



export class FillLedger {
  private start: LedgerStart | null;
  private mark: {at: number; price: number} | null;
  private baseChange: number;
  private quoteChange: number;
  private position: Position;
  private lastFillAt: number | null;
  private readonly sinceStart: PeriodBucket;
  private readonly hours: PeriodBucket[];
  private readonly days: PeriodBucket[];
  private readonly recentFills: LedgerFill[];
  private pending: LedgerFill[];
  private readonly tradeIds: string[];
  private readonly seen: Set<string>;
  private duplicates: number;

  constructor(restored: PersistedLedger | null = null) {
    this.start = restored?.start ?? null;
    this.mark = restored?.mark ?? null;
    this.baseChange = restored?.baseChange ?? 0;
    this.quoteChange = restored?.quoteChange ?? 0;
    this.position = restored?.position ?? FLAT;
    this.lastFillAt = restored?.lastFillAt ?? null;
    this.sinceStart = restored?.sinceStart ?? openBucket(0, 0, Number.MAX_SAFE_INTEGER, 0, 0);
    this.hours = restored?.hours ?? [];
    this.days = restored?.days ?? [];
    this.recentFills = restored?.recentFills ?? [];
    this.pending = restored?.pending ?? [];
    this.tradeIds = restored?.tradeIds ?? [];
    this.seen = new Set(this.tradeIds);
    this.duplicates = restored?.duplicateFills ?? 0;
  }

  get begun(): boolean {
    return this.start !== null;
  }

  /** When the newest fill happened (null before any): where a catch-up from the exchange starts. */
  get newestFillAt(): number | null {
    return this.lastFillAt;
  }

  get startedAt(): number | null {
    return this.start?.at ?? null;
  }

  /**
   * Begins the ledger from the account's balances and the first reference mid. Fills applied before it
   * began are already in those balances, so they are taken back out of the starting inventory.
   */
  begin(at: number, base: number, quote: number, mark: number): void {
    if (this.start) return;
    this.start = {at, base: base - this.baseChange, quote: quote - this.quoteChange, mark};
    this.sinceStart.from = at;
    this.sinceStart.sums.from = at;
    this.setMark(at, mark);
  }

  /** A new reading of the reference mid: what everything is valued at from now on. */
  setMark(at: number, price: number): void {
    if (!(price > 0)) return;
    // a period that ended closes at the readings it ended with, before the new mark moves them
    if (this.start) this.openPeriods(at);
    this.mark = {at, price};
  }

  /** Adds one fill; false when its trade id was already counted (a duplicate is counted apart, not twice). */
  addFill(input: LedgerFillInput): boolean {
    if (input.tradeId !== '' && this.seen.has(input.tradeId)) {
      this.duplicates++;
      return false;
    }
    this.remember(input.tradeId);
    if (this.start) this.openPeriods(input.at);
    const {position, realised} = applyToPosition(this.position, input.side, input.qty, input.price);
    this.position = position;
    this.baseChange += input.baseChange;
    this.quoteChange += input.quoteChange;
    this.lastFillAt = Math.max(this.lastFillAt ?? input.at, input.at);
    const fill: LedgerFill = {
      at: input.at,
      tradeId: input.tradeId,
      clientOrderId: input.clientOrderId,
      orderId: input.orderId,
      side: input.side,
      price: input.price,
      qty: input.qty,
      quote: input.price * input.qty,
      fee: input.fee,
      feeAsset: input.feeAsset,
      feeQuote: input.feeQuote,
      refMid: input.refMid,
      mexcMid: input.mexcMid,
      markoutMids: {s1: null, s10: null, s60: null},
      markouts: {s1: null, s10: null, s60: null},
    };
    const contribution = {side: input.side, qty: input.qty, quote: fill.quote, feeQuote: input.feeQuote, baseChange: input.baseChange, quoteChange: input.quoteChange, realised};
    addFill(this.sinceStart, contribution);
    const hour = this.bucketAt(this.hours, Math.floor(input.at / HOUR_MS));
    const day = this.bucketAt(this.days, Math.floor(input.at / DAY_MS));
    if (hour) addFill(hour, contribution);
    if (day) addFill(day, contribution);
    this.recentFills.push(fill);
    if (this.recentFills.length > RECENT_FILLS) this.recentFills.splice(0, this.recentFills.length - RECENT_FILLS);
    this.pending.push(fill);
    return true;
  }

  /**
   * Reads each pending fill's markouts whose horizon has passed, from `midAt(due)` (the reference mid at
   * that moment, or null when none was known). Returns the fills whose last horizon is now done.
   */
  measureMarkouts(now: number, midAt: (due: number) => number | null): LedgerFill[] {
    const done: LedgerFill[] = [];
    const still: LedgerFill[] = [];
    for (const fill of this.pending) {
      MARKOUT_HORIZONS_SEC.forEach((seconds, index) => {
        const key = MARKOUT_KEYS[index]!;
        const due = fill.at + seconds * 1000;
        if (fill.markoutMids[key] !== null || now < due || this.measured(fill, key)) return;
        const mid = midAt(due);
        this.settle(fill, key, mid);
      });
      if (now >= fill.at + MARKOUT_HORIZONS_SEC[MARKOUT_HORIZONS_SEC.length - 1]! * 1000) done.push(fill);
      else still.push(fill);
    }
    this.pending = still;
    return done;
  }

  /** Hours closed whose markouts are all in, ready to journal (each once). */
  hoursToJournal(now: number): Array<{figures: PnlFigures; inventory: InventoryReading}> {
    const out: Array<{figures: PnlFigures; inventory: InventoryReading}> = [];
    for (const hour of this.hours) {
      if (hour.journalled || hour.end === null || now < hour.until + HOUR_JOURNAL_DELAY_MS) continue;
      hour.journalled = true;
      out.push({figures: periodFigures(hour, this.cumulative()), inventory: this.inventoryAt(hour.end.at)});
    }
    return out;
  }

  view(now: number): LedgerView | null {
    if (!this.start || !this.mark) return null;
    const current = this.cumulative();
    const todayKey = Math.floor(now / DAY_MS);
    const today = this.days.find((d) => d.key === todayKey);
    return {
      start: this.inventoryOf(this.start.at, this.start.base, this.start.quote, this.start.mark),
      now: this.inventoryAt(this.mark.at),
      position: this.position.qty,
      averageCost: this.position.averageCost,
      unrealised: unrealisedAt(this.position, this.mark.price),
      sinceStart: periodFigures(this.sinceStart, current),
      today: today ? periodFigures(today, current) : periodFigures(openBucket(todayKey, todayKey * DAY_MS, (todayKey + 1) * DAY_MS, current.vsHold, current.markToMarket), current),
      hours: this.hours.map((h) => periodFigures(h, current)),
      days: this.days.map((d) => periodFigures(d, current)),
      recentFills: this.recentFills.map(copyFill),
      pendingMarkouts: this.pending.length,
      duplicateFills: this.duplicates,
    };
  }

  persisted(): PersistedLedger {
    return structuredClone({
      version: 1 as const,
      start: this.start,
      mark: this.mark,
      baseChange: this.baseChange,
      quoteChange: this.quoteChange,
      position: this.position,
      lastFillAt: this.lastFillAt,
      sinceStart: this.sinceStart,
      hours: this.hours,
      days: this.days,
      recentFills: this.recentFills,
      pending: this.pending,
      tradeIds: this.tradeIds,
      duplicateFills: this.duplicates,
    });
  }

  /** The cumulative change the fills made, after the latest one: what the `fills` journal records. */
  changeSoFar(): {baseChange: number; quoteChange: number} {
    return {baseChange: this.baseChange, quoteChange: this.quoteChange};
  }

  /** Cumulative vsHold and mark-to-market at the latest mark (0 before the ledger began). */
  private cumulative(): {at: number; vsHold: number; markToMarket: number} {
    if (!this.start || !this.mark) return {at: this.mark?.at ?? 0, vsHold: 0, markToMarket: 0};
    const m = this.mark.price;
    const vsHold = this.baseChange * m + this.quoteChange;
    const markToMarket = (this.start.base + this.baseChange) * m + this.start.quote + this.quoteChange - (this.start.base * this.start.mark + this.start.quote);
    return {at: this.mark.at, vsHold, markToMarket};
  }

  private inventoryAt(at: number): InventoryReading {
    const start = this.start!;
    return this.inventoryOf(at, start.base + this.baseChange, start.quote + this.quoteChange, this.mark?.price ?? start.mark);
  }

  private inventoryOf(at: number, base: number, quote: number, mark: number): InventoryReading {
    const baseValue = base * mark;
    const total = baseValue + quote;
    return {at, base, quote, mark, baseRatio: total > 0 ? baseValue / total : 0};
  }

  /** Closes periods that ended before `at` (at the current readings) and opens the one `at` falls in. */
  private openPeriods(at: number): void {
    const current = this.cumulative();
    rollPeriods(this.hours, Math.floor(at / HOUR_MS), HOUR_MS, current, KEPT_HOURS);
    rollPeriods(this.days, Math.floor(at / DAY_MS), DAY_MS, current, KEPT_DAYS);
  }

  private bucketAt(buckets: PeriodBucket[], key: number): PeriodBucket | undefined {
    for (let i = buckets.length - 1; i >= 0; i--) if (buckets[i]!.key === key) return buckets[i];
    return undefined;
  }

  private measured(fill: LedgerFill, key: MarkoutKey): boolean {
    return fill.markouts[key] !== null;
  }

  private settle(fill: LedgerFill, key: MarkoutKey, mid: number | null): void {
    if (mid === null) return;
    fill.markoutMids[key] = mid;
    const value = (fill.side === 'BUY' ? 1 : -1) * (mid - fill.price) * fill.qty;
    fill.markouts[key] = value;
    addMarkout(this.sinceStart, key, value);
    const hour = this.bucketAt(this.hours, Math.floor(fill.at / HOUR_MS));
    const day = this.bucketAt(this.days, Math.floor(fill.at / DAY_MS));
    if (hour) addMarkout(hour, key, value);
    if (day) addMarkout(day, key, value);
  }

  private remember(tradeId: string): void {
    if (tradeId === '') return;
    this.seen.add(tradeId);
    this.tradeIds.push(tradeId);
    if (this.tradeIds.length > REMEMBERED_TRADE_IDS) {
      for (const old of this.tradeIds.splice(0, this.tradeIds.length - REMEMBERED_TRADE_IDS)) this.seen.delete(old);
    }
  }
}

/** Closes the open period when `key` is past it, opens `key`'s, and keeps the newest `kept`. */
function rollPeriods(buckets: PeriodBucket[], key: number, length: number, current: {at: number; vsHold: number; markToMarket: number}, kept: number): void {
  const last = buckets[buckets.length - 1];
  if (last && last.key >= key) return;
  if (last && last.end === null) last.end = {...current};
  buckets.push(openBucket(key, key * length, (key + 1) * length, current.vsHold, current.markToMarket));
  if (buckets.length > kept) buckets.splice(0, buckets.length - kept);
}

function copyFill(fill: LedgerFill): LedgerFill {
  return {...fill, markoutMids: {...fill.markoutMids}, markouts: {...fill.markouts}};
}
