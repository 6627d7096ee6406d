/**
 * The status line, built from its causes each time it is shown, so every message disappears when its cause is
 * gone: "rate limited" ends with the Retry-After deadline, "offline" with the next answer from the server, a
 * server error with the next good answer, a paused series when its pause ends.
 */

/** Messages by cause; the rate-limit and paused-series lines are derived from their deadlines. */
export class StatusNotes {
  private readonly byCause = new Map<string, string>();

  /** Sets the message for `cause` (replacing the previous one). */
  set(cause: string, text: string): void {
    this.byCause.set(cause, text);
  }

  /** The cause is gone. */
  clear(cause: string): void {
    this.byCause.delete(cause);
  }

  /** True while `cause` has a message. */
  has(cause: string): boolean {
    return this.byCause.has(cause);
  }

  /** The line to show at `now`, or null when there is nothing to say. */
  text(now: number, pausedUntil: number, seriesNote: string | null): string | null {
    const parts = [...this.byCause.values()];
    if (pausedUntil > now)
      parts.push(`Rate limited by Coinalyze: waiting ${Math.ceil((pausedUntil - now) / 1000)} s`);
    if (seriesNote) parts.push(seriesNote);
    return parts.length > 0 ? parts.join(' · ') : null;
  }
}
