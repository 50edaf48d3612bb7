// The figures of `mexc-mm report`, accumulated record by record (constant memory apart from one bucket per
// hour and the trade ids seen): pass rates per UTC hour and day under both depth readings and per
// criterion, judged under the report's rules (sampleJudgement.ts), the longest failing gaps with their
// reasons, and order and fill counts (each trade id once).
import type {PassCounts} from '../../engine/view/snapshot.js';
import type {JournalLine} from '../journalReader.js';
import type {ComplianceRules} from './complianceRules.js';
import {formatTime} from '../displayFormat.js';
import {FillDeduplicator} from './fillDeduplicator.js';
import {utcDay} from '../journalFiles.js';
import {fillBasics, finiteNumber as num, text, tradeSide as side} from './journalFields.js';
import {judgeSample} from './sampleJudgement.js';

export interface PassBucket extends PassCounts {
  /** epoch ms of the bucket's start (UTC hour or day) */
  start: number;
  label: string;
  /** percentages 0..100, null without samples */
  perSidePct: number | null;
  combinedPct: number | null;
  bidPct: number | null;
  askPct: number | null;
  spreadPct: number | null;
}

export interface FailingGap {
  start: number;
  /** the first passing sample after the gap; or the last failing one when the journal stops (ongoing) or has a hole */
  end: number;
  durationSec: number;
  samples: number;
  /** the journal ends inside this gap */
  ongoing: boolean;
  reasons: {reason: string; count: number}[];
}

export interface ComplianceReport {
  since: number | null;
  /** the rules every sample was judged by */
  thresholds: ComplianceRules;
  firstSampleAt: number | null;
  lastSampleAt: number | null;
  total: PassBucket;
  days: PassBucket[];
  hours: PassBucket[];
  gaps: FailingGap[];
  orders: {
    placed: number;
    cancelled: number;
    rejected: number;
    byAction: Record<string, number>;
    placedBySide: {BUY: number; SELL: number};
    rejectReasons: {reason: string; count: number}[];
  };
  fills: {
    count: number;
    bySide: {BUY: number; SELL: number};
    baseVolume: {BUY: number; SELL: number};
    quoteVolume: {BUY: number; SELL: number};
    /** records of a trade id already counted (journalled twice), not counted again */
    duplicates: number;
  };
  read: {files: number; lines: number; corrupt: number};
}

/** samples further apart than this mean the bot was not running: a gap does not span them */
export const sampleHoleMs = 30_000;
const maxGaps = 5;
const hourMs = 3_600_000;

type Counts = PassCounts;

const emptyCounts = (): Counts => ({samples: 0, pass: 0, passCombined: 0, bidPass: 0, askPass: 0, spreadPass: 0});
const pct = (n: number, of: number): number | null => (of === 0 ? null : (n / of) * 100);
const toBucket = (start: number, label: string, c: Counts): PassBucket => ({
  start,
  label,
  ...c,
  perSidePct: pct(c.pass, c.samples),
  combinedPct: pct(c.passCombined, c.samples),
  bidPct: pct(c.bidPass, c.samples),
  askPct: pct(c.askPass, c.samples),
  spreadPct: pct(c.spreadPass, c.samples),
});

const topReasons = (counts: Map<string, number>, limit: number): {reason: string; count: number}[] =>
  [...counts]
    .map(([reason, count]) => ({reason, count}))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, limit);

interface OpenGap {
  start: number;
  lastFailAt: number;
  samples: number;
  reasons: Map<string, number>;
}

export class ComplianceReportBuilder {
  readonly #total = emptyCounts();
  readonly #hours = new Map<number, Counts>();
  readonly #days = new Map<string, Counts>();
  #gaps: FailingGap[] = [];
  #open: OpenGap | null = null;
  #first: number | null = null;
  #last: number | null = null;
  readonly #byAction = new Map<string, number>();
  readonly #placedBySide = {BUY: 0, SELL: 0};
  readonly #rejectReasons = new Map<string, number>();
  readonly #fills = {count: 0, bySide: {BUY: 0, SELL: 0}, baseVolume: {BUY: 0, SELL: 0}, quoteVolume: {BUY: 0, SELL: 0}};
  readonly #fillIds = new FillDeduplicator();
  /** records of a known stream whose fields are unusable */
  invalid = 0;

  constructor(
    readonly thresholds: ComplianceRules,
    readonly since: number | null,
  ) {}

  /** One compliance sample; false when its fields are unusable. Samples must come in time order. */
  addSample(record: JournalLine): boolean {
    const {at} = record;
    const bidDepth = num(record.bidDepth);
    const askDepth = num(record.askDepth);
    const spread = record.spread === null ? null : num(record.spread);
    if (typeof record.pass !== 'boolean' || typeof record.passCombined !== 'boolean' || bidDepth === null || askDepth === null) {
      this.invalid++;
      return false;
    }
    if (spread === null && record.spread !== null) {
      this.invalid++;
      return false;
    }
    const combinedDepth = num(record.combinedDepth) ?? bidDepth + askDepth;
    const verdict = judgeSample({spread, bidDepth, askDepth, combinedDepth, reason: text(record.reason)}, this.thresholds);
    const hour = Math.floor(at / hourMs) * hourMs;
    const day = utcDay(at);
    for (const counts of [this.#total, this.#bucket(this.#hours, hour), this.#bucket(this.#days, day)]) {
      counts.samples++;
      if (verdict.pass) counts.pass++;
      if (verdict.passCombined) counts.passCombined++;
      if (verdict.bid) counts.bidPass++;
      if (verdict.ask) counts.askPass++;
      if (verdict.spread) counts.spreadPass++;
    }
    this.#first ??= at;
    this.#last = at;
    this.#trackGap(at, verdict.pass, verdict.reason ?? 'no reason recorded');
    return true;
  }

  #bucket<K>(map: Map<K, Counts>, key: K): Counts {
    let counts = map.get(key);
    if (!counts) {
      counts = emptyCounts();
      map.set(key, counts);
    }
    return counts;
  }

  #trackGap(at: number, pass: boolean, reason: string): void {
    const open = this.#open;
    if (open && at - open.lastFailAt > sampleHoleMs) this.#closeGap(open.lastFailAt, false);
    if (pass) {
      if (this.#open) this.#closeGap(at, false);
      return;
    }
    const gap = (this.#open ??= {start: at, lastFailAt: at, samples: 0, reasons: new Map()});
    gap.lastFailAt = at;
    gap.samples++;
    gap.reasons.set(reason, (gap.reasons.get(reason) ?? 0) + 1);
  }

  #closeGap(end: number, ongoing: boolean): void {
    const open = this.#open;
    if (!open) return;
    this.#open = null;
    this.#gaps.push({
      start: open.start,
      end,
      durationSec: (end - open.start) / 1000,
      samples: open.samples,
      ongoing,
      reasons: topReasons(open.reasons, 3),
    });
    this.#gaps.sort((a, b) => b.durationSec - a.durationSec || a.start - b.start);
    if (this.#gaps.length > maxGaps) this.#gaps.length = maxGaps;
  }

  addOrder(record: JournalLine): boolean {
    const action = record.action;
    if (typeof action !== 'string') {
      this.invalid++;
      return false;
    }
    this.#byAction.set(action, (this.#byAction.get(action) ?? 0) + 1);
    const s = side(record.side);
    if (action === 'placed' && s) this.#placedBySide[s]++;
    if (action === 'rejected') {
      const reason = typeof record.reason === 'string' ? record.reason : 'no reason recorded';
      this.#rejectReasons.set(reason, (this.#rejectReasons.get(reason) ?? 0) + 1);
    }
    return true;
  }

  addFill(record: JournalLine): boolean {
    const fill = fillBasics(record);
    if (!fill) {
      this.invalid++;
      return false;
    }
    if (!this.#fillIds.admit(record.tradeId)) return true;
    const {side: s, price, qty} = fill;
    this.#fills.count++;
    this.#fills.bySide[s]++;
    this.#fills.baseVolume[s] += qty;
    this.#fills.quoteVolume[s] += price * qty;
    return true;
  }

  build(read: {files: number; lines: number; corrupt: number}): ComplianceReport {
    // The gap still open at the end of the journal ends at its last failing sample.
    const open = this.#open;
    if (open) this.#closeGap(open.lastFailAt, true);
    const hours = [...this.#hours]
      .sort(([a], [b]) => a - b)
      .map(([start, c]) => toBucket(start, formatTime(start).slice(0, 13) + ':00Z', c));
    const days = [...this.#days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, c]) => toBucket(Date.parse(`${day}T00:00:00Z`), day, c));
    const count = (action: string) => this.#byAction.get(action) ?? 0;
    return {
      since: this.since,
      thresholds: this.thresholds,
      firstSampleAt: this.#first,
      lastSampleAt: this.#last,
      total: toBucket(this.#first ?? this.since ?? 0, 'total', this.#total),
      days,
      hours,
      gaps: this.#gaps,
      orders: {
        placed: count('placed'),
        cancelled: count('cancelled'),
        rejected: count('rejected'),
        byAction: Object.fromEntries([...this.#byAction].sort(([a], [b]) => a.localeCompare(b))),
        placedBySide: this.#placedBySide,
        rejectReasons: topReasons(this.#rejectReasons, 5),
      },
      fills: {...this.#fills, duplicates: this.#fillIds.repeats},
      read: {...read, corrupt: read.corrupt + this.invalid},
    };
  }
}
