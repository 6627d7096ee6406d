/**
 * Coalescing bursts of notices into few page updates, the way aggr flushes its buffers: the first notice of a
 * burst is applied `delayMs` later, then at most once every `minGapMs`; while the page is hidden nothing is
 * applied, and once it is visible again everything that piled up is applied in one go.
 */

/** Timers and visibility, injectable for tests. */
export interface CoalesceEnv {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  hidden(): boolean;
}

/** aggr's timers: 50 ms after the first notice, at most every 500 ms. */
export const FLUSH_DELAY_MS = 50;
export const FLUSH_GAP_MS = 500;

/** Calls `flush` for the notices since the previous flush, no more often than the timers allow. */
export class Coalescer {
  private dirty = false;
  private timer: unknown = null;
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly flush: () => void,
    private readonly env: CoalesceEnv,
    private readonly delayMs = FLUSH_DELAY_MS,
    private readonly minGapMs = FLUSH_GAP_MS,
  ) {}

  /** Something changed: flush soon (not while hidden). */
  notice(): void {
    this.dirty = true;
    this.schedule();
  }

  /** The page became visible (or may have): apply what piled up while it was hidden. */
  wake(): void {
    if (this.dirty) this.schedule();
  }

  /** Cancels a pending flush (unmount). */
  stop(): void {
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
  }

  private schedule(): void {
    if (this.timer !== null || this.env.hidden()) return;
    const now = this.env.now();
    const at = Math.max(now + this.delayMs, this.last + this.minGapMs);
    this.timer = this.env.setTimeout(() => this.run(), at - now);
  }

  private run(): void {
    this.timer = null;
    // Hidden since it was scheduled: keep the notices for `wake`.
    if (!this.dirty || this.env.hidden()) return;
    this.dirty = false;
    this.last = this.env.now();
    this.flush();
  }
}

/** The page's timers and document visibility. */
export function pageEnv(): CoalesceEnv {
  return {
    now: () => performance.now(),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
    hidden: () => document.visibilityState === 'hidden',
  };
}
