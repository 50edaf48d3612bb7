// One side of a book as integer ticks → integer lots, walkable best first. The sorted key list is rebuilt
// lazily and only when a price level appears or disappears (size changes keep it).
export class PriceLevels {
  private readonly sizes = new Map<number, number>();
  private sorted: number[] | null = [];

  /** bids: highest price first; asks: lowest first */
  constructor(private readonly descending: boolean) {}

  get(ticks: number): number {
    return this.sizes.get(ticks) ?? 0;
  }

  /** Absolute size; 0 deletes the level. */
  set(ticks: number, lots: number): void {
    const had = this.sizes.has(ticks);
    if (lots > 0) {
      this.sizes.set(ticks, lots);
      if (!had) this.sorted = null;
    } else if (had) {
      this.sizes.delete(ticks);
      this.sorted = null;
    }
  }

  clear(): void {
    this.sizes.clear();
    this.sorted = [];
  }

  get count(): number {
    return this.sizes.size;
  }

  /** Prices best first. The array is shared until the next structural change: do not mutate it. */
  bestFirst(): readonly number[] {
    if (this.sorted === null) {
      const keys = [...this.sizes.keys()];
      this.sorted = this.descending ? keys.sort((a, b) => b - a) : keys.sort((a, b) => a - b);
    }
    return this.sorted;
  }

  best(): number | null {
    return this.bestFirst()[0] ?? null;
  }
}
