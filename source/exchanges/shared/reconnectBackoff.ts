// Jittered exponential backoff for reconnects, shared by every venue stream: the delay doubles per failed
// attempt up to a cap, and a random half of it spreads clients out so a venue outage does not end in a
// synchronized stampede (KuCoin also limits new connections to 30/min, docs/protocols/kucoin.md §2.7).
export class ReconnectBackoff {
  private attempt = 0;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** delay before the next attempt; each call counts as one more failure */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt += 1;
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }

  /** a connection reached its goal (live): start again from the base delay */
  reset(): void {
    this.attempt = 0;
  }

  get failures(): number {
    return this.attempt;
  }
}
