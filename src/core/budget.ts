/**
 * Client-side rate budget for Coinalyze: 40 calls per minute per key, where every symbol in a request is one call.
 * The API sends no quota headers on 200s, so the client must count for itself.
 */

/** The documented limit. */
export const CALLS_PER_MINUTE = 40;
/** Symbols a single request may carry. */
export const MAX_SYMBOLS_PER_REQUEST = 20;
/** Calls we never spend, so a server counting a little differently (clock skew, fixed windows) never says 429. */
export const SAFETY_CALLS = 2;
/** Extra time before a spent call comes back, for the same reason. */
export const SAFETY_MS = 1_000;

/**
 * Weighted token bucket whose tokens come back one window after they were spent. Unlike a bucket refilled at a
 * steady rate (which allows capacity + rate × window in one window), this never spends more than `capacity` in
 * any sliding window, so it is safe whether the server counts in fixed or sliding minutes.
 */
export class TokenBucket {
  private spent: Array<{ at: number; weight: number }> = [];

  constructor(
    readonly capacity: number = CALLS_PER_MINUTE - SAFETY_CALLS,
    readonly windowMs: number = 60_000 + SAFETY_MS,
  ) {}

  private prune(now: number): void {
    while (this.spent.length > 0 && (this.spent[0]?.at ?? 0) + this.windowMs <= now) this.spent.shift();
  }

  /** Tokens available at `now`. */
  available(now: number): number {
    this.prune(now);
    return this.capacity - this.spent.reduce((sum, s) => sum + s.weight, 0);
  }

  /** Calls spent in the last minute (what the status bar shows). */
  usedInLastMinute(now: number): number {
    return this.spent.filter((s) => s.at > now - 60_000).reduce((sum, s) => sum + s.weight, 0);
  }

  /** Milliseconds until `weight` tokens are available (0 when they are now). */
  waitFor(weight: number, now: number): number {
    const need = Math.min(weight, this.capacity);
    let free = this.available(now);
    if (free >= need) return 0;
    for (const s of this.spent) {
      free += s.weight;
      if (free >= need) return s.at + this.windowMs - now;
    }
    return this.windowMs;
  }

  /** Spends `weight` tokens at `now` (the caller has waited for them). */
  take(weight: number, now: number): void {
    this.prune(now);
    this.spent.push({ at: now, weight });
  }

  /**
   * The server said 429: whatever it counted, we treat the whole budget as spent until `until`, so the next
   * request goes out only after Retry-After and then with a fresh window.
   */
  exhaustUntil(until: number): void {
    this.spent = [{ at: until - this.windowMs, weight: this.capacity }];
  }
}
