// The reference (KuCoin) mid over the last minutes, as the engine saw it: the path fill markouts are
// measured on (docs/strategy.md §19) and the cost-aware quoting's volatility reading (§5.1). One point
// per book change at most every POINT_MS, kept for RETAIN_MS; written only by the consumer.

/** One reading of the reference mid. */
export interface PathPoint {
  at: number;
  mid: number;
}

/** a point at most every 100 ms: finer than any markout horizon or volatility window needs */
export const POINT_MS = 100;
/** 5 minutes: the longest markout horizon (60 s) and volatility window, with room to spare */
export const RETAIN_MS = 5 * 60_000;

export class ReferencePath {
  private readonly points: PathPoint[] = [];
  /** index of the oldest retained point (the array is trimmed in chunks, not on every push) */
  private head = 0;

  /** Records the mid at `at`; within one POINT_MS bucket the newest reading replaces the one before. */
  record(at: number, mid: number): void {
    if (!(mid > 0) || !Number.isFinite(mid)) return;
    const last = this.latest();
    if (last && at < last.at) return; // never rewrite history with an out-of-order reading
    if (last && Math.floor(at / POINT_MS) === Math.floor(last.at / POINT_MS)) {
      last.at = at;
      last.mid = mid;
      return;
    }
    this.points.push({at, mid});
    this.trim(at);
  }

  /** The newest point, or null before the first. */
  latest(): PathPoint | null {
    return this.points.length > this.head ? this.points[this.points.length - 1]! : null;
  }

  /** The first point at or after `at`, or null when none is (yet) recorded. */
  firstAtOrAfter(at: number): PathPoint | null {
    const index = this.firstIndexAtOrAfter(at);
    return index < this.points.length ? this.points[index]! : null;
  }

  /** The last point at or before `at`: the mid in force then. Null when none is recorded that early. */
  lastAtOrBefore(at: number): PathPoint | null {
    const after = this.firstIndexAfter(at);
    return after > this.head ? this.points[after - 1]! : null;
  }

  /**
   * (highest − lowest) / latest mid over the points since `since`, as a fraction: how far the reference
   * moved in that window. 0 with fewer than two points.
   */
  rangeSince(since: number): number {
    const latest = this.latest();
    if (!latest) return 0;
    let low = Infinity;
    let high = -Infinity;
    let count = 0;
    for (let i = this.points.length - 1; i >= this.head; i--) {
      const point = this.points[i]!;
      if (point.at < since) break;
      if (point.mid < low) low = point.mid;
      if (point.mid > high) high = point.mid;
      count++;
    }
    return count < 2 ? 0 : (high - low) / latest.mid;
  }

  /** Points since `since`, oldest first (a copy). */
  since(since: number): PathPoint[] {
    const start = this.firstIndexAtOrAfter(since);
    return this.points.slice(start).map((p) => ({...p}));
  }

  get size(): number {
    return this.points.length - this.head;
  }

  private firstIndexAtOrAfter(at: number): number {
    return this.firstIndexWhere((pointAt) => pointAt >= at);
  }

  private firstIndexAfter(at: number): number {
    return this.firstIndexWhere((pointAt) => pointAt > at);
  }

  /** index of the first point whose time passes `test` (times ascend; points.length when none does) */
  private firstIndexWhere(test: (pointAt: number) => boolean): number {
    let low = this.head;
    let high = this.points.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (test(this.points[mid]!.at)) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  private trim(now: number): void {
    while (this.head < this.points.length && this.points[this.head]!.at < now - RETAIN_MS) this.head++;
    if (this.head > 1024 && this.head * 2 > this.points.length) {
      this.points.splice(0, this.head);
      this.head = 0;
    }
  }
}
