// Public WS tokens handed out by bullet-public. Real tokens are opaque and valid 24 h (docs/protocols/kucoin.md §2.6);
// they are random (not from the book PRNG) so issuing one never perturbs the deterministic book path.

import {randomBytes} from 'node:crypto';

export type TokenStatus = 'valid' | 'expired' | 'unknown';

const MAX_TOKENS = 10_000;

export class TokenRegistry {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  issue(now: number): string {
    // Shaped like the documented example (base64url with '=' padding, '.' separator): no '+' or '/',
    // so clients that concatenate the token into the URL without encoding still work, as they do live.
    const token = `${randomBytes(47).toString('base64url')}=.${randomBytes(16).toString('base64url')}==`;
    if (this.expiries.size >= MAX_TOKENS) this.pruneOldest();
    this.expiries.set(token, now + this.ttlMs);
    return token;
  }

  status(token: string | null, now: number): TokenStatus {
    if (token === null) return 'unknown';
    const expiry = this.expiries.get(token);
    if (expiry === undefined) return 'unknown';
    return now >= expiry ? 'expired' : 'valid';
  }

  private pruneOldest(): void {
    const oldest = this.expiries.keys().next();
    if (!oldest.done) this.expiries.delete(oldest.value);
  }
}
