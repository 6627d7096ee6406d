/** Liquidation sums of the COIN and STABLE parts of a contract filter (any filter, including one exchange). */
import type { IDBPDatabase } from 'idb';
import { binLiq } from '../../../core/binning';
import {
  type BaseInterval,
  finestDividingInterval,
  TIMEFRAME_SECONDS,
  type Timeframe,
} from '../../../core/intervals';
import { type ContractFilter, type Margin, matchesFilter } from '../../../core/market';
import type { LiqSeries } from '../../../core/series';
import { floorTo } from '../../../core/time';
import type { LiqLabDB } from '../../../storage/schema';
import { readLiqSum } from '../../../storage/series-repo';

/**
 * Binned liquidations of the contracts that pass `filter` and are `margin`-margined, read like the chart frame
 * (finest stored base interval dividing the timeframe); null when no such contract has liquidation data.
 */
export async function loadGroupLiq(
  db: IDBPDatabase<LiqLabDB>,
  timeframe: Timeframe,
  filter: ContractFilter,
  margin: Margin,
): Promise<LiqSeries | null> {
  const symbols = new Set(
    (await db.getAll('markets'))
      .filter((m) => m.margined === margin && matchesFilter(m, filter))
      .map((m) => m.symbol),
  );
  const coverage = (await db.getAll('coverage')).filter((c) => c.kind === 'liq' && symbols.has(c.symbol));
  const interval: BaseInterval | null = finestDividingInterval(timeframe, [
    ...new Set(coverage.map((c) => c.interval)),
  ]);
  if (!interval) return null;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const c of coverage)
    if (c.interval === interval)
      for (const [a, b] of c.ranges) {
        from = Math.min(from, a);
        to = Math.max(to, b);
      }
  const target = TIMEFRAME_SECONDS[timeframe];
  return binLiq(await readLiqSum(db, [...symbols], interval, floorTo(from, target), to), target);
}
