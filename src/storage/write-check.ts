/** The check every series write (liquidations, candles, context) makes before it opens a transaction. */
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../core/intervals';

/** One contract's part of a write, as the check sees it. */
interface RangeWrite {
  symbol: string;
  from: number;
  to: number;
  points: ReadonlyArray<{ t: number }>;
}

/**
 * Throws a RangeError naming the series (`kind`, when given, before the symbol) at the first point outside its
 * write's [from, to) or off the `interval` grid: callers check their input (API answers, CSV rows), so such a point
 * is a bug, not data.
 */
export function assertPointsOnGrid(
  writes: readonly RangeWrite[],
  interval: BaseInterval,
  kind?: string,
): void {
  const step = BASE_INTERVAL_SECONDS[interval];
  for (const { symbol, from, to, points } of writes)
    for (const p of points)
      if (!(p.t >= from && p.t < to && p.t % step === 0)) {
        const series = kind === undefined ? `${symbol} ${interval}` : `${kind} ${symbol} ${interval}`;
        throw new RangeError(`${series}: t=${p.t} outside [${from}, ${to}) or off grid`);
      }
}
