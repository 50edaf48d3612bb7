// User-data-stream listen keys (docs/protocols/mexc.md §3): 64 hex chars, valid 60 min after creation or the last
// keepalive, at most 60 valid keys per account. Time is passed in so expiry is testable without waiting.
import {randomBytes} from 'node:crypto';

export const LISTEN_KEY_TTL_MS = 60 * 60 * 1000;
export const MAX_LISTEN_KEYS = 60;
export const MAX_CONNECTIONS_PER_LISTEN_KEY = 5;

export class ListenKeys {
  private readonly expiresAt = new Map<string, number>();

  /** A new key, or null when the account already holds the maximum of valid keys. */
  create(now: number): string | null {
    this.sweep(now);
    if (this.expiresAt.size >= MAX_LISTEN_KEYS) return null;
    const key = randomBytes(32).toString('hex');
    this.expiresAt.set(key, now + LISTEN_KEY_TTL_MS);
    return key;
  }

  /** Keepalive: extends validity to 60 min from now; false for unknown or expired keys. */
  extend(key: string, now: number): boolean {
    if (!this.isValid(key, now)) return false;
    this.expiresAt.set(key, now + LISTEN_KEY_TTL_MS);
    return true;
  }

  remove(key: string, now: number): boolean {
    const valid = this.isValid(key, now);
    this.expiresAt.delete(key);
    return valid;
  }

  isValid(key: string, now: number): boolean {
    const expiry = this.expiresAt.get(key);
    return expiry !== undefined && expiry > now;
  }

  list(now: number): string[] {
    this.sweep(now);
    return [...this.expiresAt.keys()];
  }

  /** Drops expired keys and returns them (their connections must be closed). */
  sweep(now: number): string[] {
    const expired: string[] = [];
    for (const [key, expiry] of this.expiresAt) {
      if (expiry <= now) {
        expired.push(key);
        this.expiresAt.delete(key);
      }
    }
    return expired;
  }

  /** Invalidates every key at once (the listenKeyExpiry fault); returns them. */
  expireAll(): string[] {
    const keys = [...this.expiresAt.keys()];
    this.expiresAt.clear();
    return keys;
  }
}
