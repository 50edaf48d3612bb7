// The compliance gauge: one sample per second of the MEXC book as the exchange sees it (our orders
// included), aggregated per minute so the 1 h and 24 h pass rates survive restarts in the state file.
import {marketDepth, marketSpread, ownDepth, type OwnLevels} from './depth.js';
import type {OrderBook} from './orderbook.js';
import type {ComplianceGauges, ComplianceMinute, ComplianceSample, PassRates, PersistedCompliance} from '../view/snapshot.js';

export interface ComplianceInput {
  book: OrderBook;
  own: OwnLevels;
  pct: number;
  minDepth: number;
  maxSpread: number;
  at: number;
  /** why the book counts as stale (no update for too long), null when fresh */
  staleReason: string | null;
}

export function sampleCompliance(input: ComplianceInput): ComplianceSample {
  const {book, own, pct, minDepth, maxSpread, at, staleReason} = input;
  const depth = marketDepth(book, pct);
  const mine = ownDepth(book, own, pct, book.mid());
  const spread = marketSpread(book);
  // data we cannot trust fails every criterion
  const trusted = book.synced && staleReason === null;
  const spreadOk = trusted && spread !== null && spread < maxSpread;
  const bidOk = trusted && depth.bid >= minDepth;
  const askOk = trusted && depth.ask >= minDepth;
  const pass = spreadOk && bidOk && askOk;
  const passCombined = spreadOk && depth.combined >= minDepth;
  let reason: string | null = null;
  if (!book.synced) reason = 'book not synced';
  else if (staleReason !== null) reason = `book stale: ${staleReason}`;
  else if (spread === null) reason = 'no two-sided market';
  else if (!spreadOk) reason = `spread ${formatPct(spread)} ≥ ${formatPct(maxSpread)}`;
  else if (!bidOk) reason = `bid depth ${Math.floor(depth.bid)} < ${minDepth}`;
  else if (!askOk) reason = `ask depth ${Math.floor(depth.ask)} < ${minDepth}`;
  return {
    at,
    pass,
    passCombined,
    spread,
    bidDepth: depth.bid,
    askDepth: depth.ask,
    combinedDepth: depth.combined,
    ownBidDepth: mine.bid,
    ownAskDepth: mine.ask,
    reason,
    checks: {bid: bidOk, ask: askOk, spread: spreadOk},
  };
}

const formatPct = (fraction: number): string => `${Number((fraction * 100).toFixed(2))}%`;

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
/** a sample further than this after the previous one starts a new streak (the process was down) */
const MAX_SAMPLE_GAP_MS = 10_000;

export class ComplianceTracker {
  private minutes: ComplianceMinute[] = [];
  private longestGapSec = 0;
  private lastFailure: {at: number; reason: string} | null = null;
  private streakStartAt: number | null = null;
  private streakPass: boolean | null = null;
  private lastSampleAt: number | null = null;
  private last: ComplianceSample | null = null;

  /** Restores persisted history, dropping minutes older than 24 h before `now`. */
  constructor(history?: PersistedCompliance, now: number = Date.now()) {
    if (history && history.version === 1) {
      const oldest = Math.floor(now / MINUTE_MS) - DAY_MINUTES + 1;
      this.minutes = history.minutes
        .filter((m) => m.minute >= oldest && m.samples > 0)
        .map((m) => ({...m}))
        .sort((a, b) => a.minute - b.minute);
      this.longestGapSec = Number.isFinite(history.longestGapSec) ? Math.max(0, history.longestGapSec) : 0;
      this.lastFailure = history.lastFailure;
      this.streakStartAt = history.streakStartAt;
      this.streakPass = history.streakPass;
      // the last sample was somewhere in the last stored minute; its end is the best estimate. Taken
      // before the 24 h pruning: after a longer downtime every minute is pruned, and without it the
      // whole downtime would count as part of a failing streak.
      const lastMinute = history.minutes.reduce((last, m) => (m.samples > 0 ? Math.max(last, m.minute) : last), -Infinity);
      if (Number.isFinite(lastMinute)) this.lastSampleAt = Math.min(now, (lastMinute + 1) * MINUTE_MS - 1);
    }
  }

  record(sample: ComplianceSample): void {
    const {checks} = sample;
    const minute = Math.floor(sample.at / MINUTE_MS);
    let bucket = this.minutes.at(-1);
    if (!bucket || bucket.minute !== minute) {
      if (bucket && bucket.minute > minute) {
        // clock went backwards: find or insert the right bucket rather than corrupt the order
        bucket = this.minutes.find((m) => m.minute === minute);
      } else {
        bucket = undefined;
      }
      if (!bucket) {
        bucket = {minute, samples: 0, pass: 0, passCombined: 0, bidPass: 0, askPass: 0, spreadPass: 0};
        this.minutes.push(bucket);
        this.minutes.sort((a, b) => a.minute - b.minute);
      }
    }
    bucket.samples++;
    if (sample.pass) bucket.pass++;
    if (sample.passCombined) bucket.passCombined++;
    if (checks.bid) bucket.bidPass++;
    if (checks.ask) bucket.askPass++;
    if (checks.spread) bucket.spreadPass++;
    this.prune(minute);

    const continues = this.lastSampleAt !== null && sample.at - this.lastSampleAt <= MAX_SAMPLE_GAP_MS && this.streakPass === sample.pass;
    if (!continues) {
      // a failing streak that ends now is a closed gap: it lasted until this passing sample
      this.closeGap(sample.at);
      this.streakStartAt = sample.at;
      this.streakPass = sample.pass;
    }
    if (!sample.pass) {
      this.lastFailure = {at: sample.at, reason: sample.reason ?? 'failed'};
      this.longestGapSec = Math.max(this.longestGapSec, this.openGapSec(sample.at));
    }
    this.lastSampleAt = sample.at;
    this.last = sample;
  }

  gauges(now: number): ComplianceGauges {
    const nowMinute = Math.floor(now / MINUTE_MS);
    // without recent samples (sampling stopped, process restarted) a streak ends at the last sample
    const end = this.lastSampleAt !== null && now - this.lastSampleAt > MAX_SAMPLE_GAP_MS ? this.lastSampleAt : now;
    let streakSec = 0;
    if (this.streakStartAt !== null && this.streakPass !== null) {
      const seconds = Math.max(0, (end - this.streakStartAt) / 1000);
      streakSec = this.streakPass ? seconds : -seconds;
    }
    return {
      now: this.last,
      lastHour: this.rates(nowMinute - 59, nowMinute),
      lastDay: this.rates(nowMinute - DAY_MINUTES + 1, nowMinute),
      streakSec,
      longestGapSec: Math.max(this.longestGapSec, this.openGapSec(end)),
      lastFailure: this.lastFailure,
    };
  }

  /** Bounded: at most 1440 minutes. */
  persisted(): PersistedCompliance {
    return {
      version: 1,
      minutes: this.minutes.slice(-DAY_MINUTES).map((m) => ({...m})),
      longestGapSec: this.longestGapSec,
      lastFailure: this.lastFailure,
      streakStartAt: this.streakStartAt,
      streakPass: this.streakPass,
    };
  }

  private rates(fromMinute: number, toMinute: number): PassRates {
    let samples = 0, pass = 0, combined = 0, bid = 0, ask = 0, spread = 0;
    for (const m of this.minutes) {
      if (m.minute < fromMinute || m.minute > toMinute) continue;
      samples += m.samples;
      pass += m.pass;
      combined += m.passCombined;
      bid += m.bidPass;
      ask += m.askPass;
      spread += m.spreadPass;
    }
    const pct = (n: number): number | null => (samples === 0 ? null : (n / samples) * 100);
    return {perSide: pct(pass), combined: pct(combined), bid: pct(bid), ask: pct(ask), spread: pct(spread), samples};
  }

  /** Length of the current failing streak up to `at` (0 when passing). */
  private openGapSec(at: number): number {
    if (this.streakPass !== false || this.streakStartAt === null) return 0;
    return Math.max(0, (at - this.streakStartAt) / 1000);
  }

  private closeGap(at: number): void {
    // a gap closed by a sample right after it ends at that sample; after a long silence (process down)
    // only the time we observed counts
    const end = this.lastSampleAt !== null && at - this.lastSampleAt > MAX_SAMPLE_GAP_MS ? this.lastSampleAt : at;
    this.longestGapSec = Math.max(this.longestGapSec, this.openGapSec(end));
  }

  private prune(currentMinute: number): void {
    const oldest = currentMinute - DAY_MINUTES + 1;
    if (this.minutes.length > 0 && this.minutes[0]!.minute < oldest) this.minutes = this.minutes.filter((m) => m.minute >= oldest);
    if (this.minutes.length > DAY_MINUTES) this.minutes = this.minutes.slice(-DAY_MINUTES);
  }
}
