// KuCoin "Rate limit 2.0" public resource pool: a weight budget per IP that resets every 30 s
// (docs/protocols/kucoin.md §5.2). Each response carries the gw-ratelimit-* headers the real gateway sends (§2.1).

export interface PoolCharge {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetMs: number;
}

interface Window {
  startedAt: number;
  used: number;
}

export class PublicRatePool {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit = 2000,
    private readonly windowMs = 30_000,
  ) {}

  charge(ip: string, weight: number, now: number): PoolCharge {
    let window = this.windows.get(ip);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = {startedAt: now, used: 0};
      this.windows.set(ip, window);
      if (this.windows.size > 10_000) this.prune(now);
    }
    const resetMs = Math.max(0, window.startedAt + this.windowMs - now);
    if (window.used + weight > this.limit) {
      return {allowed: false, limit: this.limit, remaining: Math.max(0, this.limit - window.used), resetMs};
    }
    window.used += weight;
    return {allowed: true, limit: this.limit, remaining: this.limit - window.used, resetMs};
  }

  private prune(now: number): void {
    for (const [ip, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(ip);
  }
}
