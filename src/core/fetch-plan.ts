/**
 * What to fetch next for one stored series, decided from its coverage alone, so a reload resumes exactly where
 * the archive stands. Tiers: live (keep the newest bucket fresh) > gap (holes and long tails after the app was
 * closed) > backfill (history older than anything stored, down to the API's retention).
 */
import type { ContextKind } from './context/series';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from './intervals';
import { type Range, uncovered } from './ranges';
import { floorTo } from './time';

/**
 * Intervals fetched. 1min is the finest and, polled live, grows the archive past the API's ~1.5-day 1min retention;
 * 5min and 15min only reach ~7 and ~20 days back but cost one call per contract per reopen (no live polling:
 * 1min covers the present), which buys 5m/15m charts of the days before the app was first opened; 1hour reaches
 * ~2 months; daily reaches years.
 */
export const FETCH_INTERVALS: readonly BaseInterval[] = ['1min', '5min', '15min', '1hour', 'daily'];
/** Points the API keeps at least for intraday intervals: everything newer is complete on the server. */
export const GUARANTEED_POINTS = 1500;
/** Points asked for on backfill (the documented upper end of retention). */
export const ASK_POINTS = 2000;
/** Start of daily history asked for (daily data is never deleted). */
export const DAILY_FROM = 1546300800; // 2019-01-01
/** A 1min tail longer than this means the app was closed: fill it for every contract at gap priority. */
export const LIVE_TAIL_MAX_S = 30 * 60;

/** Fetch priority; lower rank goes first. */
export type Tier = 'live' | 'gap' | 'backfill';
/** Rank of each tier. */
export const TIER_RANK: Readonly<Record<Tier, number>> = { live: 0, gap: 1, backfill: 2 };

/** Every kind of series the scheduler fetches. */
export type FetchKind = 'liq' | 'candle' | ContextKind;

/** What the planner knows about one series. */
export interface SeriesState {
  kind: FetchKind;
  symbol: string;
  interval: BaseInterval;
  ranges: readonly Range[];
  /** True once history down to the retention horizon has been fetched. */
  backfilled: boolean;
}

/** One fetch to make: [from, to) in unix seconds. */
export interface Job {
  tier: Tier;
  kind: FetchKind;
  interval: BaseInterval;
  symbol: string;
  from: number;
  to: number;
}

/** Oldest bucket the server is guaranteed to still hold. */
export function guaranteedStart(interval: BaseInterval, nowSec: number): number {
  if (interval === 'daily') return DAILY_FROM;
  const step = BASE_INTERVAL_SECONDS[interval];
  return floorTo(nowSec, step) - (GUARANTEED_POINTS - 1) * step;
}

/** Where a backfill request starts. */
export function requestStart(interval: BaseInterval, nowSec: number): number {
  if (interval === 'daily') return DAILY_FROM;
  const step = BASE_INTERVAL_SECONDS[interval];
  return floorTo(nowSec, step) - ASK_POINTS * step;
}

/** End of the open (newest) bucket: coverage runs to here, and the next fetch overwrites that bucket. */
export function coverageEnd(interval: BaseInterval, nowSec: number): number {
  const step = BASE_INTERVAL_SECONDS[interval];
  return floorTo(nowSec, step) + step;
}

/**
 * Where coverage of a response may start. Omitted buckets are zeros only where the server still holds data: past
 * the guaranteed horizon, a missing bucket may be a deleted one, so coverage starts at the first returned bucket.
 */
export function coverageStart(
  interval: BaseInterval,
  reqFrom: number,
  nowSec: number,
  firstT: number | null,
): number {
  if (interval === 'daily') return reqFrom;
  const g = guaranteedStart(interval, nowSec);
  return Math.max(reqFrom, firstT === null ? g : Math.min(firstT, g));
}

/**
 * Seconds between refreshes of a covered tail that is not 1min liquidations (those follow liquidation share):
 * 1min candles every minute, open interest below an hour every bucket, anything else hourly or once a bucket.
 */
export function refreshPeriod(kind: FetchKind, interval: BaseInterval): number {
  const step = BASE_INTERVAL_SECONDS[interval];
  if (kind === 'candle' && interval === '1min') return step;
  if (kind === 'oi' && step < 3600) return step;
  return Math.max(step, 3600);
}

/** The next job for a series, or null if nothing is due. `liveDue` says whether a 1min liq tail is due now. */
export function planSeries(s: SeriesState, nowSec: number, liveDue: boolean): Job | null {
  const step = BASE_INTERVAL_SECONDS[s.interval];
  const base = { kind: s.kind, interval: s.interval, symbol: s.symbol };
  const first = s.ranges[0];
  const last = s.ranges[s.ranges.length - 1];
  if (!first || !last) {
    return {
      ...base,
      tier: 'backfill',
      from: requestStart(s.interval, nowSec),
      to: coverageEnd(s.interval, nowSec),
    };
  }
  const end = last[1];
  const tailStart = Math.max(end - step, requestStart(s.interval, nowSec));
  const tail = { ...base, from: tailStart, to: coverageEnd(s.interval, nowSec) };
  const minuteLiq = s.kind === 'liq' && s.interval === '1min';
  const period = refreshPeriod(s.kind, s.interval);
  const long = nowSec - end > (minuteLiq ? LIVE_TAIL_MAX_S : Math.max(LIVE_TAIL_MAX_S, period + step));
  if (nowSec >= end && long) return { ...tail, tier: 'gap' };
  if (minuteLiq ? liveDue : nowSec >= end - step + period) {
    return { ...tail, tier: 'live' };
  }
  const holes = uncovered(s.ranges, Math.max(first[0], guaranteedStart(s.interval, nowSec)), end);
  const hole = holes[0];
  if (hole) return { ...base, tier: 'gap', from: hole[0], to: hole[1] };
  if (!s.backfilled && first[0] > requestStart(s.interval, nowSec)) {
    return { ...base, tier: 'backfill', from: requestStart(s.interval, nowSec), to: first[0] };
  }
  return null;
}

/**
 * When `planSeries` next has a job for `s` if its coverage does not change (unix seconds; `nowSec` when it has one
 * now), so an idle fetch loop can sleep until then instead of polling. `liveAtSec` is when the 1min liquidation tail
 * is next due, or null when live polling is off (then only gap and backfill jobs count, as in the scheduler).
 */
export function nextDue(s: SeriesState, nowSec: number, liveAtSec: number | null): number {
  const live = liveAtSec !== null;
  const job = planSeries(s, nowSec, live && liveAtSec <= nowSec);
  if (job && (live || job.tier !== 'live')) return nowSec;
  return dueAfterNone(s, nowSec, liveAtSec);
}

/**
 * `nextDue` for a series the caller already found without a job at `nowSec` (planSeries with the same live
 * time gave none, or only a live job while live polling is off), without planning it again.
 */
export function dueAfterNone(s: SeriesState, nowSec: number, liveAtSec: number | null): number {
  const live = liveAtSec !== null;
  const last = s.ranges[s.ranges.length - 1];
  // No coverage always has a job; the guard keeps the type checker honest.
  if (!last) return nowSec;
  const step = BASE_INTERVAL_SECONDS[s.interval];
  const end = last[1];
  const minuteLiq = s.kind === 'liq' && s.interval === '1min';
  const period = refreshPeriod(s.kind, s.interval);
  // Time only shrinks holes and backfill (their bounds move forward); what it brings is the tail falling due.
  const gapAt = end + (minuteLiq ? LIVE_TAIL_MAX_S : Math.max(LIVE_TAIL_MAX_S, period + step)) + 1;
  const refreshAt = !live ? Number.POSITIVE_INFINITY : minuteLiq ? liveAtSec : end - step + period;
  return Math.max(nowSec + 1, Math.min(gapAt, refreshAt));
}
