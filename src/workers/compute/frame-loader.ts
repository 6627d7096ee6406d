/**
 * Builds the chart frame: every stored base interval that divides the timeframe is read and binned, then stitched
 * finest-first, so older history kept only at coarser intervals still shows (exactly) where finer data is gone.
 */
import type { IDBPDatabase } from 'idb';
import { binCandles, binLiq } from '../../core/binning';
import { BASE_INTERVAL_SECONDS, type BaseInterval, TIMEFRAME_SECONDS } from '../../core/intervals';
import { matchesFilter } from '../../core/market';
import { emptyCandles, emptyLiq } from '../../core/series';
import { type StitchSource, stitch, stitchNotice } from '../../core/stitch';
import { floorTo, unixSeconds } from '../../core/time';
import type { LiqLabDB } from '../../storage/schema';
import { readLiqSum } from '../../storage/series-repo';
import type { FrameRequest, FrameResult } from './api';
import { candleSymbols, readCandlesFilled } from './candle-source';

/** Loads and bins the frame `request` describes. */
export async function loadFrame(db: IDBPDatabase<LiqLabDB>, request: FrameRequest): Promise<FrameResult> {
  const target = TIMEFRAME_SECONDS[request.timeframe];
  const markets = (await db.getAll('markets')).filter((m) => matchesFilter(m, request.filter));
  const symbols = markets.map((m) => m.symbol);
  const allCoverage = await db.getAll('coverage');
  const coverage = allCoverage.filter((c) => c.kind === 'liq' && symbols.includes(c.symbol));
  const stored = [...new Set(coverage.map((c) => c.interval))].sort(
    (a, b) => BASE_INTERVAL_SECONDS[a] - BASE_INTERVAL_SECONDS[b],
  );
  const dividing = stored.filter((iv) => target % BASE_INTERVAL_SECONDS[iv] === 0);
  if (dividing.length === 0) {
    const empty = unixSeconds(0);
    return {
      frame: {
        start: empty,
        step: target,
        candles: emptyCandles(empty, target, 0),
        liq: emptyLiq(empty, target, 0),
      },
      notice: stored[0]
        ? `${request.timeframe} needs data finer than the stored ${stored[0]} buckets`
        : 'No data stored yet',
      historyStart: null,
    };
  }
  const candleMarkets = (iv: BaseInterval) =>
    candleSymbols(request.referenceSymbol, request.filter, markets, allCoverage, iv);
  const sources: StitchSource[] = [];
  for (const interval of dividing) {
    const span = rangeOf(coverage, interval);
    if (!span) continue;
    const from = floorTo(span[0], target);
    const to = span[1];
    sources.push({
      label: interval,
      liq: binLiq(await readLiqSum(db, symbols, interval, from, to), target),
      candles: binCandles(await readCandlesFilled(db, candleMarkets(interval), interval, from, to), target),
    });
  }
  const s = stitch(sources, target);
  return {
    frame: s.frame,
    notice: dividing.length > 1 ? stitchNotice(request.timeframe, s) : null,
    historyStart: s.historyStart,
  };
}

function rangeOf(
  coverage: Array<{ interval: BaseInterval; ranges: Array<readonly [number, number]> }>,
  interval: BaseInterval,
) {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const c of coverage) {
    if (c.interval !== interval) continue;
    for (const [a, b] of c.ranges) {
      from = Math.min(from, a);
      to = Math.max(to, b);
    }
  }
  return Number.isFinite(from) ? ([from, to] as const) : null;
}
