/**
 * Streams the bars format: the chart's frame at its timeframe and filter, with COIN / STABLE group columns and the
 * market-context columns (open interest and funding as the chart's panes show them).
 */
import type { IDBPDatabase } from 'idb';
import { bpOfOi, liqUsd } from '../../../core/context/liq-bp';
import { type BarRow, barsHeader, writeBarRow } from '../../../core/csv/bars';
import { NO_SCORES, type ScoreSource } from '../../../core/csv/spike-columns';
import { type ByteSink, CsvWriter } from '../../../core/csv/writer';
import type { ExchangeLiq, LiqSeries } from '../../../core/series';
import type { LiqLabDB } from '../../../storage/schema';
import { readFrameContext } from '../../compute/context-frame';
import { loadFrame } from '../../compute/frame-loader';
import { loadGroupLiq } from './bar-groups';
import type { ExportRequest } from './types';

/** A group's value at bar time `t`: 0 outside its coverage, NaN when the filter has no contract in the group. */
function liqOf(g: LiqSeries | null, t: number, side: 'long' | 'short'): number {
  if (!g) return Number.NaN;
  const i = (t - g.start) / g.step;
  return i >= 0 && i < g.long.length && g.covered[i] ? (g[side][i] ?? Number.NaN) : 0;
}

/**
 * The per-exchange cells of bar `i` into `out` (long, short per exchange): what the exchange adds to the bar's total,
 * empty where the bar is a gap, or where none of the exchange's contracts cover any of it and it adds nothing.
 */
export function exchangeCells(
  exchanges: readonly ExchangeLiq[],
  i: number,
  covered: boolean,
  out: Float64Array,
): Float64Array {
  exchanges.forEach((e, k) => {
    const long = e.liq.long[i] ?? 0;
    const short = e.liq.short[i] ?? 0;
    const known = covered && (e.liq.covered[i] === 1 || long !== 0 || short !== 0);
    out[2 * k] = known ? long : Number.NaN;
    out[2 * k + 1] = known ? short : Number.NaN;
  });
  return out;
}

/**
 * Writes bars of `req` (its contract filter, including a single exchange) with spike columns from `scoresOf`
 * (run on the whole frame, so z at the first exported bar still has its history); returns the number of rows.
 */
export async function exportBars(
  db: IDBPDatabase<LiqLabDB>,
  req: ExportRequest,
  sink: ByteSink,
  onProgress: (done: number) => void,
  check: () => Promise<void>,
  scoresOf: ScoreSource = NO_SCORES,
): Promise<number> {
  const loaded = await loadFrame(db, { ...req, byExchange: req.exchangeColumns === true });
  const n = loaded.frame.liq.long.length;
  // Open interest and funding exactly as the chart's panes read them for this frame and filter; its opens as the
  // bp score divides by them give `liq_bp_of_oi` and, when Settings → Spikes scores in bp, the spike columns.
  const ctx = await readFrameContext(
    db,
    { start: loaded.frame.start, step: loaded.frame.step, n },
    req.asset,
    req.filter,
  );
  const frame = { ...loaded.frame, oiOpen: ctx.oiOpen };
  const exchanges = frame.exchanges ?? [];
  const extra = new Float64Array(2 * exchanges.length);
  const scores = scoresOf(frame, req.timeframe);
  const coin = await loadGroupLiq(db, req.asset, req.timeframe, req.filter, 'COIN');
  const stable = await loadGroupLiq(db, req.asset, req.timeframe, req.filter, 'STABLE');
  const w = new CsvWriter(sink);
  const tf = CsvWriter.encode(req.timeframe);
  w.text(`${barsHeader(exchanges.map((e) => e.exchange))}\n`);
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const t = frame.start + i * frame.step;
    if ((req.from !== null && t < req.from) || (req.to !== null && t >= req.to)) continue;
    const c = frame.candles;
    const covered = frame.liq.covered[i] === 1;
    const row: BarRow = {
      t,
      open: c.open[i] ?? Number.NaN,
      high: c.high[i] ?? Number.NaN,
      low: c.low[i] ?? Number.NaN,
      close: c.close[i] ?? Number.NaN,
      volume: c.volume[i] ?? Number.NaN,
      long: covered ? (frame.liq.long[i] ?? 0) : Number.NaN,
      short: covered ? (frame.liq.short[i] ?? 0) : Number.NaN,
      coinLong: covered ? liqOf(coin, t, 'long') : Number.NaN,
      coinShort: covered ? liqOf(coin, t, 'short') : Number.NaN,
      stableLong: covered ? liqOf(stable, t, 'long') : Number.NaN,
      stableShort: covered ? liqOf(stable, t, 'short') : Number.NaN,
      zLong: scores.zLong(t),
      zShort: scores.zShort(t),
      event: scores.event(t),
      bpOfOi: bpOfOi(liqUsd(frame.liq, 'total', i), ctx.oiOpen[i] ?? Number.NaN),
      oi: ctx.oi[i] ?? Number.NaN,
      oiChange: ctx.oiChange[i] ?? Number.NaN,
      funding: ctx.funding[i] ?? Number.NaN,
      predicted: ctx.predicted[i] ?? Number.NaN,
      ...(req.exchangeColumns ? { exchanges: exchangeCells(exchanges, i, covered, extra) } : {}),
    };
    if (!covered && Number.isNaN(row.close)) continue;
    writeBarRow(w, tf, row);
    rows++;
    if (w.full) {
      await w.flush();
      onProgress(i / n);
      await check();
    }
  }
  await w.flush();
  onProgress(1);
  return rows;
}
