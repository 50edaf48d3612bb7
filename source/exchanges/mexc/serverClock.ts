// Server-time offset for signed requests: MEXC accepts a request only if `timestamp < serverTime + 1000` and
// `serverTime - timestamp <= recvWindow` (docs/protocols/mexc.md §1.3), so a local clock that drifts makes
// every signed call fail with 700003. The offset is measured against GET /api/v3/time, assuming the server
// read its clock half-way through the round trip.

export interface ClockSample {
  offsetMs: number;
  roundTripMs: number;
  at: number;
}

export function offsetFromSample(sentAt: number, receivedAt: number, serverTime: number): ClockSample {
  const roundTripMs = Math.max(0, receivedAt - sentAt);
  return {offsetMs: Math.round(serverTime - (sentAt + roundTripMs / 2)), roundTripMs, at: receivedAt};
}

export class ServerClock {
  private sample: ClockSample | null = null;
  private inFlight: Promise<number> | null = null;

  constructor(
    private readonly now: () => number,
    private readonly refreshEveryMs: number,
    private readonly measure: () => Promise<ClockSample>,
  ) {}

  /** Local clock corrected by the last measured offset (offset 0 before the first measurement). */
  serverNow(): number {
    return this.now() + (this.sample?.offsetMs ?? 0);
  }

  offsetMs(): number | null {
    return this.sample?.offsetMs ?? null;
  }

  /** Measures now (one measurement at a time; concurrent callers share it). Resolves to the offset. */
  sync(): Promise<number> {
    if (!this.inFlight) {
      this.inFlight = this.measure()
        .then((sample) => {
          this.sample = sample;
          return sample.offsetMs;
        })
        .finally(() => {
          this.inFlight = null;
        });
    }
    return this.inFlight;
  }

  /** The next signed request re-measures before it is sent (after a 700003 answer). */
  invalidate(): void {
    this.sample = null;
  }

  needsSync(): boolean {
    return this.sample === null || this.now() - this.sample.at >= this.refreshEveryMs;
  }

  hasSample(): boolean {
    return this.sample !== null;
  }
}
