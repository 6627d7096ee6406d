/** Which buckets of a stored series a "Delete stored data" selection removes (any kind: coverage only). */
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../core/intervals';
import { intersectRanges, type Range } from '../core/ranges';

/** What to delete. */
export interface DeleteSelection {
  /** One contract's symbol, or null for every stored series. */
  symbol: string | null;
  /** Unix seconds; null leaves that end open (all time). Buckets starting in [from, to) go. */
  from: number | null;
  to: number | null;
}

/** The covered spans of one coverage record that the selection removes, on its bucket grid. */
export function cutOf(
  c: { symbol: string; interval: BaseInterval; ranges: readonly Range[] },
  sel: DeleteSelection,
): Array<[number, number]> {
  if (sel.symbol !== null && c.symbol !== sel.symbol) return [];
  const step = BASE_INTERVAL_SECONDS[c.interval];
  // A bucket goes when it starts inside [from, to): round both ends up to the grid.
  const lo = sel.from === null ? Number.NEGATIVE_INFINITY : Math.ceil(sel.from / step) * step;
  const hi = sel.to === null ? Number.POSITIVE_INFINITY : Math.ceil(sel.to / step) * step;
  return lo < hi ? intersectRanges(c.ranges, lo, hi) : [];
}

/** Buckets of `step` seconds in `ranges`. */
export function bucketCount(ranges: readonly Range[], step: number): number {
  return ranges.reduce((n, [a, b]) => n + (b - a) / step, 0);
}
