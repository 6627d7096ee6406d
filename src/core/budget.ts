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

/** One spent request: when (ms) and how many symbol-calls. */
export interface Spent {
  at: number;
  weight: number;
}

/**
 * Weighted token bucket whose tokens come back one window after they were spent. Unlike a bucket refilled at a
 * steady rate (which allows capacity + rate × window in one window), this never spends more than `capacity` in
 * any sliding window, so it is safe whether the server counts in fixed or sliding minutes. A 429 pauses it until
 * Retry-After without inventing spent calls, so what the status bar shows stays what was really spent.
 */
export class TokenBucket {
  private spent: Spent[] = [];
  private pausedUntil = 0;

  constructor(
    readonly capacity: number = CALLS_PER_MINUTE - SAFETY_CALLS,
    readonly windowMs: number = 60_000 + SAFETY_MS,
  ) {}

  /** Starts from what a ledger says was spent (any order) and the last Retry-After deadline. */
  restore(spent: readonly Spent[], pausedUntil: number): void {
    this.spent = [...spent].sort((a, b) => a.at - b.at);
    this.pausedUntil = pausedUntil;
  }

  private prune(now: number): void {
    while (this.spent.length > 0 && (this.spent[0]?.at ?? 0) + this.windowMs <= now) this.spent.shift();
  }

  /** Tokens available at `now` (none while paused by a 429). */
  available(now: number): number {
    this.prune(now);
    if (now < this.pausedUntil) return 0;
    return this.capacity - this.spent.reduce((sum, s) => sum + s.weight, 0);
  }

  /** Calls spent in the last minute (what the status bar shows). */
  usedInLastMinute(now: number): number {
    return this.spent.filter((s) => s.at > now - 60_000 && s.at <= now).reduce((sum, s) => sum + s.weight, 0);
  }

  /** When `usedInLastMinute` next drops (a call leaves the last minute), or Infinity when nothing is in it. */
  usageChangesAt(now: number): number {
    const inMinute = this.spent.filter((s) => s.at > now - 60_000 && s.at <= now);
    return inMinute.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...inMinute.map((s) => s.at)) + 60_000;
  }

  /** Milliseconds until `weight` tokens are available (0 when they are now). */
  waitFor(weight: number, now: number): number {
    const start = Math.max(now, this.pausedUntil);
    const need = Math.min(weight, this.capacity);
    this.prune(start);
    let free = this.capacity - this.spent.reduce((sum, s) => sum + s.weight, 0);
    if (free >= need) return start - now;
    for (const s of this.spent) {
      free += s.weight;
      if (free >= need) return Math.max(start, s.at + this.windowMs) - now;
    }
    return start + this.windowMs - now;
  }

  /** Spends `weight` tokens at `now` (the caller has waited for them). */
  take(weight: number, now: number): void {
    this.prune(now);
    this.spent.push({ at: now, weight });
  }

  /** Gives back a spend that never reached the server (a network error before any answer). */
  refund(at: number, weight: number): void {
    const i = this.spent.findIndex((s) => s.at === at && s.weight === weight);
    if (i >= 0) this.spent.splice(i, 1);
  }

  /** The server said 429: nothing goes out before `until` (Retry-After). */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** The Retry-After deadline in force (ms; may be in the past). */
  get pause(): number {
    return this.pausedUntil;
  }
}
