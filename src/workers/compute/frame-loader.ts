/** Builds the chart frame: picks the finest stored base interval that divides the timeframe, reads, bins. */
import type { IDBPDatabase } from 'idb';
import { binCandles, binLiq } from '../../core/binning';
import {
  BASE_INTERVAL_SECONDS,
  type BaseInterval,
  finestDividingInterval,
  TIMEFRAME_SECONDS,
} from '../../core/intervals';
import { matchesFilter } from '../../core/market';
import { emptyCandles, emptyLiq } from '../../core/series';
import { floorTo, unixSeconds } from '../../core/time';
import type { LiqLabDB } from '../../storage/schema';
import { readCandles, readLiqSum } from '../../storage/series-repo';
import type { FrameRequest, FrameResult } from './api';

/** Loads and bins the frame `request` describes. */
export async function loadFrame(db: IDBPDatabase<LiqLabDB>, request: FrameRequest): Promise<FrameResult> {
  const target = TIMEFRAME_SECONDS[request.timeframe];
  const markets = (await db.getAll('markets')).filter((m) => matchesFilter(m, request.filter));
  const symbols = markets.map((m) => m.symbol);
  const coverage = (await db.getAll('coverage')).filter(
    (c) => c.kind === 'liq' && symbols.includes(c.symbol),
  );
  const stored = [...new Set(coverage.map((c) => c.interval))];
  const interval: BaseInterval | null = finestDividingInterval(request.timeframe, stored);
  if (!interval) {
    const finest = stored.sort((a, b) => BASE_INTERVAL_SECONDS[a] - BASE_INTERVAL_SECONDS[b])[0];
    const empty = unixSeconds(0);
    return {
      frame: {
        start: empty,
        step: target,
        candles: emptyCandles(empty, target, 0),
        liq: emptyLiq(empty, target, 0),
      },
      notice: finest
        ? `${request.timeframe} needs data finer than the stored ${finest} buckets`
        : 'No data stored yet',
    };
  }
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const c of coverage) {
    if (c.interval !== interval) continue;
    for (const [a, b] of c.ranges) {
      from = Math.min(from, a);
      to = Math.max(to, b);
    }
  }
  from = floorTo(from, target);
  const liq = binLiq(await readLiqSum(db, symbols, interval, from, to), target);
  const candles = binCandles(await readCandles(db, request.referenceSymbol, interval, from, to), target);
  return { frame: { start: liq.start, step: target, liq, candles }, notice: null };
}
