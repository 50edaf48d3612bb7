// A fill may be journalled twice: after a kill -9 the bot catches up from the exchange's trade list and
// journals what it had already journalled. Everything `report` counts or lists takes a trade id once.
export class FillDeduplicator {
  readonly #seen = new Set<string>();
  /** records whose trade id came before */
  repeats = 0;

  /** true for the first record of a trade id, and for a record without one (nothing to match it by) */
  admit(tradeId: unknown): boolean {
    if (typeof tradeId !== 'string') return true;
    if (this.#seen.has(tradeId)) {
      this.repeats++;
      return false;
    }
    this.#seen.add(tradeId);
    return true;
  }
}
