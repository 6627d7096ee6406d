/**
 * Which series the scheduler should leave alone for now, and why. A series whose answers keep coming back
 * malformed (or without it) is retried after a growing delay and, after a few bad answers in a row, set aside
 * for a while with a status line that names it, so one broken series never starves the others.
 */

/** Bad answers in a row before a series is set aside. */
export const STRIKES_TO_SET_ASIDE = 3;
/** How long a set-aside series is left alone. */
export const SET_ASIDE_MS = 30 * 60_000;
/** How long a series the API refused (400) is left alone. */
export const REFUSED_MS = 60 * 60_000;

interface Health {
  strikes: number;
  until: number;
  reason: string;
  /**
   * Set aside or refused since its last good answer: the user is told about it (not only delayed), and the
   * backfill's progress stops waiting for it, through the retries between pauses too.
   */
  heldBack: boolean;
}

/** Per-series strikes and pauses, keyed `kind|symbol|interval`. */
export class SeriesHealth {
  private readonly bySeries = new Map<string, Health>();

  /** True when `key` may be fetched at `now`. */
  ready(key: string, now: number): boolean {
    return this.readyAt(key) <= now;
  }

  /** When the series may be fetched again (0 when it was never held back). */
  readyAt(key: string): number {
    return this.bySeries.get(key)?.until ?? 0;
  }

  /**
   * True when `key` was set aside or refused and has had no good answer since, retries in between included: a
   * series Coinalyze keeps leaving out is retried every half hour, and the progress would otherwise wait for it
   * again (and say so) at each retry.
   */
  heldBack(key: string): boolean {
    return this.bySeries.get(key)?.heldBack ?? false;
  }

  /** A good answer: the series starts again with a clean record. */
  good(key: string): void {
    this.bySeries.delete(key);
  }

  /** A bad answer for `key`: retried after 5 s, 10 s, …, then set aside. */
  bad(key: string, reason: string, now: number): void {
    const before = this.bySeries.get(key);
    const strikes = (before?.strikes ?? 0) + 1;
    const aside = strikes >= STRIKES_TO_SET_ASIDE;
    this.bySeries.set(key, {
      strikes: aside ? 0 : strikes,
      until: now + (aside ? SET_ASIDE_MS : 5_000 * 2 ** (strikes - 1)),
      reason,
      heldBack: aside || (before?.heldBack ?? false),
    });
  }

  /** The API refused the request for `key` (400): leave it for an hour. */
  refused(key: string, reason: string, now: number): void {
    this.bySeries.set(key, { strikes: 0, until: now + REFUSED_MS, reason, heldBack: true });
  }

  /** Status line for the series the user should know about, or null. */
  note(now: number): string | null {
    const shown = [...this.bySeries.entries()].filter(([, h]) => h.heldBack && h.until > now);
    if (shown.length === 0) return null;
    const [key, first] = shown[0] ?? ['', null];
    const [, symbol, interval] = key.split('|');
    const more = shown.length > 1 ? ` (+${shown.length - 1} more)` : '';
    const minutes = Math.ceil(((first?.until ?? now) - now) / 60_000);
    return `Paused ${symbol} ${interval} for ${minutes} min: ${first?.reason}${more}`;
  }
}
