/**
 * The running backfill as the status bar and the backfill card show it: per interval, how many of its liquidation
 * and candle series are backfilled, and when all of them should be (one call per series still to fetch, at the
 * budget's rate). Context series (open interest, funding, predicted funding) rank below every liquidation and
 * candle job, so they fill in behind them: they get one count of their own (`contextProgress`), which the status
 * bar shows once the rows are done, so "idle" means nothing at all is being backfilled. The rows and the
 * completion time leave them out (they say when the chart's liquidations and candles are complete); theirs is
 * estimated apart.
 *
 * A series set aside (Coinalyze keeps leaving it out of its answers, or refused it) counts as paused: still shown,
 * but not waited for. Otherwise a funding series Coinalyze does not carry would hold the count at 55/56, the card
 * open and the completion time a call ahead, forever.
 */
import type { BaseInterval } from '../../core/intervals';
import type { IntervalBackfill, SeriesCount } from '../../core/notices';

/** A series as the progress counts it. */
export interface ProgressSeries {
  interval: BaseInterval;
  key: string;
  /** An open interest or funding series: counted on its own, not in the per-interval rows. */
  context: boolean;
}

/** True when the series is set aside for now (see SeriesHealth.heldBack). */
export type HeldBack = (key: string) => boolean;

/** How many of `series` are backfilled, and how many of the rest are paused (the field only when some are). */
function tally(
  series: readonly ProgressSeries[],
  backfilled: ReadonlySet<string>,
  held: HeldBack,
): SeriesCount {
  const done = series.filter((s) => backfilled.has(s.key)).length;
  const paused = series.filter((s) => !backfilled.has(s.key) && held(s.key)).length;
  return paused > 0 ? { done, total: series.length, paused } : { done, total: series.length };
}

/** True when nothing in `count` is left to wait for: every series is backfilled or paused. */
const settled = (count: SeriesCount): boolean => count.done + (count.paused ?? 0) >= count.total;

/**
 * Done/total (and paused) of liquidation and candle series per interval in `order` (none: left out); null when all
 * are done or paused.
 */
export function intervalProgress(
  series: readonly ProgressSeries[],
  backfilled: ReadonlySet<string>,
  order: readonly BaseInterval[],
  held: HeldBack = () => false,
): IntervalBackfill[] | null {
  const rows = order.flatMap((interval) => {
    const mine = series.filter((s) => !s.context && s.interval === interval);
    return mine.length === 0 ? [] : [{ interval, ...tally(mine, backfilled, held) }];
  });
  return rows.every(settled) ? null : rows;
}

/** Done/total (and paused) of the context series, whatever their interval; null when none remains to wait for. */
export function contextProgress(
  series: readonly ProgressSeries[],
  backfilled: ReadonlySet<string>,
  held: HeldBack = () => false,
): SeriesCount | null {
  const count = tally(
    series.filter((s) => s.context),
    backfilled,
    held,
  );
  return settled(count) ? null : count;
}

/** Share of the rows' series backfilled (what the status bar's bar shows); null when none remains. */
export function backfillShare(rows: readonly IntervalBackfill[] | null): number | null {
  if (!rows) return null;
  const total = rows.reduce((n, r) => n + r.total, 0);
  return total === 0 ? null : rows.reduce((n, r) => n + r.done, 0) / total;
}

/**
 * When the series still to backfill should be done. The budget model: each takes one call (2,000 points;
 * backfill.test.ts checks 41 × 5 calls for 40 contracts), at `callsPerWindow`. That is the soonest it can be; live
 * refreshes, other assets and longer histories share the budget, so once two minutes of progress are seen the
 * estimate is never sooner than the pace measured over the last few minutes. Kept while the count is unchanged (a
 * status that says nothing new is not sent again just because the clock moved) until it has passed. One estimate
 * for the chart's rows, at the whole budget, and one for open interest and funding, at what their requests may use
 * (they leave a reserve free).
 */
export class CompletionEstimate {
  private remaining = -1;
  private at: number | null = null;
  /** (time in ms, series remaining) at each change of the count, oldest first. */
  private seen: Array<{ t: number; remaining: number }> = [];

  /** `callsPerWindow` calls may go in any `windowSec` (the budget's sliding window). */
  constructor(
    private readonly callsPerWindow: number,
    private readonly windowSec = 60,
  ) {}

  /**
   * Unix seconds the counted series should be backfilled by, or null when none remains. `freeNow`: calls the budget
   * has free at once (others already went in this window, as when open interest follows the chart's rows).
   */
  update(counts: readonly SeriesCount[] | null, nowMs: number, freeNow = this.callsPerWindow): number | null {
    // Paused series are not waited for: they take no call until their pause ends.
    const remaining = counts ? counts.reduce((n, r) => n + r.total - r.done - (r.paused ?? 0), 0) : 0;
    // Unchanged: kept until it passes; then the model was wrong about now, and it moves on by a window at least.
    const overdue = remaining === this.remaining;
    if (overdue && (this.at === null || nowMs < this.at * 1000)) return this.at;
    // New work (the count grew) starts the pace afresh.
    if (remaining > this.remaining) this.seen = [];
    if (!overdue) this.seen.push({ t: nowMs, remaining });
    this.remaining = remaining;
    if (remaining === 0) {
      this.seen = [];
      this.at = null;
      return null;
    }
    // The free calls go now, then `callsPerWindow` a window later, and so on: the last one goes this many on.
    const later = Math.max(0, remaining - Math.min(Math.max(0, freeNow), this.callsPerWindow));
    const nowSec = Math.ceil(nowMs / 1000);
    const model = nowSec + Math.ceil(later / this.callsPerWindow) * this.windowSec;
    this.at = Math.max(model, this.paced(nowMs) ?? 0, overdue ? nowSec + this.windowSec : 0);
    return this.at;
  }

  /** Unix seconds at the pace of the last few minutes (at least one series per span when none finished). */
  private paced(nowMs: number): number | null {
    const since = nowMs - PACE_SPAN_MS;
    this.seen = this.seen.filter((x, i, all) => x.t >= since || (all[i + 1]?.t ?? nowMs) > since);
    const ref = this.seen[0];
    if (!ref || nowMs - ref.t < MIN_PACE_MS) return null;
    const progress = Math.max(1, ref.remaining - this.remaining);
    return Math.ceil((nowMs + (this.remaining * (nowMs - ref.t)) / progress) / 1000);
  }
}

/** How far back the measured pace looks. */
const PACE_SPAN_MS = 5 * 60_000;
/** Progress seen over less than this is not a pace yet (the model alone speaks). */
const MIN_PACE_MS = 2 * 60_000;
