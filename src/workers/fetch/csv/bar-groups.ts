/** Liquidation sums of the COIN and STABLE parts of a contract filter (any filter, including one exchange). */
import type { IDBPDatabase } from 'idb';
import { binLiq } from '../../../core/binning';
import { BASE_INTERVAL_SECONDS, TIMEFRAME_SECONDS, type Timeframe } from '../../../core/intervals';
import { type ContractFilter, type Margin, matchesFilter } from '../../../core/market';
import { emptyCandles, type LiqSeries } from '../../../core/series';
import { type StitchSource, stitch } from '../../../core/stitch';
import { floorTo } from '../../../core/time';
import type { LiqLabDB } from '../../../storage/schema';
import { readLiqSum } from '../../../storage/series-repo';

/**
 * Binned liquidations of the contracts that pass `filter` and are `margin`-margined, read like the chart frame
 * (every stored base interval dividing the timeframe, stitched finest-first): empty (every bar 0) when no such
 * contract has data, null when the filter excludes the margin altogether (its columns are then left empty).
 */
export async function loadGroupLiq(
  db: IDBPDatabase<LiqLabDB>,
  asset: string,
  timeframe: Timeframe,
  filter: ContractFilter,
  margin: Margin,
): Promise<LiqSeries | null> {
  if (filter.kind === 'margin' && filter.margin !== margin) return null;
  const target = TIMEFRAME_SECONDS[timeframe];
  const symbols = new Set(
    (await db.getAll('markets'))
      .filter((m) => m.margined === margin && m.baseAsset === asset && matchesFilter(m, filter))
      .map((m) => m.symbol),
  );
  const coverage = (await db.getAll('coverage')).filter((c) => c.kind === 'liq' && symbols.has(c.symbol));
  const intervals = [...new Set(coverage.map((c) => c.interval))]
    .filter((iv) => target % BASE_INTERVAL_SECONDS[iv] === 0)
    .sort((a, b) => BASE_INTERVAL_SECONDS[a] - BASE_INTERVAL_SECONDS[b]);
  const sources: StitchSource[] = [];
  for (const interval of intervals) {
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (const c of coverage)
      if (c.interval === interval)
        for (const [a, b] of c.ranges) {
          from = Math.min(from, a);
          to = Math.max(to, b);
        }
    const liq = binLiq(await readLiqSum(db, [...symbols], interval, floorTo(from, target), to), target);
    sources.push({ label: interval, liq, candles: emptyCandles(liq.start, target, 0) });
  }
  return stitch(sources, target).frame.liq;
}
