// Per-minute history for the console's sparklines (docs/strategy.md §19.4): each compliance sample adds
// to its minute's pass count and depth sums, with the depth target and base ratio at that moment. The
// last 24 hours are kept (and persisted, so a restart keeps its history); the snapshot carries the last
// SNAPSHOT_MINUTES.
import type {HistoryMinute, MinutePoint} from '../view/ledgerView.js';

export type {HistoryMinute};

export const KEPT_MINUTES = 24 * 60;
export const SNAPSHOT_MINUTES = 6 * 60;


export interface HistorySample {
  at: number;
  pass: boolean;
  bidDepth: number;
  askDepth: number;
  target: number;
  baseRatio: number | null;
}

export class MinuteHistory {
  private readonly minutes: HistoryMinute[];

  constructor(restored: readonly HistoryMinute[] = []) {
    this.minutes = restored.map((m) => ({...m}));
  }

  record(sample: HistorySample): void {
    const minute = Math.floor(sample.at / 60_000);
    let last = this.minutes[this.minutes.length - 1];
    if (last && minute < last.minute) return; // a clock step back: never rewrite an older minute
    if (!last || last.minute !== minute) {
      last = {minute, samples: 0, pass: 0, bidDepthSum: 0, askDepthSum: 0, target: sample.target, baseRatio: null};
      this.minutes.push(last);
      const oldest = minute - KEPT_MINUTES;
      let drop = 0;
      while (drop < this.minutes.length && this.minutes[drop]!.minute <= oldest) drop++;
      if (drop > 0) this.minutes.splice(0, drop);
    }
    last.samples++;
    if (sample.pass) last.pass++;
    last.bidDepthSum += sample.bidDepth;
    last.askDepthSum += sample.askDepth;
    last.target = sample.target;
    if (sample.baseRatio !== null) last.baseRatio = sample.baseRatio;
  }

  /** The minutes since `sinceMinute`, oldest first, as the snapshot shows them. */
  points(sinceMinute: number): MinutePoint[] {
    const out: MinutePoint[] = [];
    for (const m of this.minutes) {
      if (m.minute < sinceMinute) continue;
      out.push({minute: m.minute, samples: m.samples, pass: m.pass, bidDepth: m.bidDepthSum / m.samples, askDepth: m.askDepthSum / m.samples, target: m.target, baseRatio: m.baseRatio});
    }
    return out;
  }

  persisted(): HistoryMinute[] {
    return this.minutes.map((m) => ({...m}));
  }
}
