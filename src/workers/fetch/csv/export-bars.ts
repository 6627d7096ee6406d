/** Streams the bars format: the chart's frame at its timeframe and filter, with COIN / STABLE group columns. */
import type { IDBPDatabase } from 'idb';
import { BARS_HEADER, type BarRow, barLine } from '../../../core/csv/bars';
import type { BarFrame } from '../../../core/series';
import type { LiqLabDB } from '../../../storage/schema';
import { loadFrame } from '../../compute/frame-loader';
import { CHUNK_CHARS, type TextSink } from './export-archive';
import type { ExportRequest } from './types';

/** Spike scores per bar, when the compute engine provides them (optional input; empty columns otherwise). */
export interface BarScores {
  zLong: (t: number) => number;
  zShort: (t: number) => number;
  event: (t: number) => string;
}

function at(frame: BarFrame, t: number): number {
  return (t - frame.start) / frame.step;
}

/** Writes bars of `req`; returns the number of rows. */
export async function exportBars(
  db: IDBPDatabase<LiqLabDB>,
  req: ExportRequest,
  sink: TextSink,
  onProgress: (done: number) => void,
  check: () => Promise<void>,
  scores?: BarScores,
): Promise<number> {
  const base = { source: req.source, timeframe: req.timeframe, referenceSymbol: req.referenceSymbol };
  const { frame } = await loadFrame(db, { ...base, filter: req.filter });
  const groups =
    req.filter.kind === 'exchange'
      ? null
      : await Promise.all(
          (['COIN', 'STABLE'] as const).map(async (margin) =>
            req.filter.kind === 'margin' && req.filter.margin !== margin
              ? null
              : (await loadFrame(db, { ...base, filter: { kind: 'margin', margin } })).frame,
          ),
        );
  const n = frame.liq.long.length;
  let out = `${BARS_HEADER}\n`;
  let rows = 0;
  const liqOf = (g: BarFrame | null | undefined, t: number, side: 'long' | 'short') => {
    if (!g) return Number.NaN;
    const i = at(g, t);
    return i >= 0 && i < g.liq.long.length && g.liq.covered[i] ? (g.liq[side][i] ?? Number.NaN) : 0;
  };
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
      coinLong: covered ? liqOf(groups?.[0], t, 'long') : Number.NaN,
      coinShort: covered ? liqOf(groups?.[0], t, 'short') : Number.NaN,
      stableLong: covered ? liqOf(groups?.[1], t, 'long') : Number.NaN,
      stableShort: covered ? liqOf(groups?.[1], t, 'short') : Number.NaN,
      zLong: scores?.zLong(t) ?? Number.NaN,
      zShort: scores?.zShort(t) ?? Number.NaN,
      event: scores?.event(t) ?? '',
    };
    if (!covered && Number.isNaN(row.close)) continue;
    out += barLine(req.timeframe, row);
    rows++;
    if (out.length >= CHUNK_CHARS) {
      await sink(out);
      out = '';
      onProgress(i / n);
      await check();
    }
  }
  await sink(out);
  onProgress(1);
  return rows;
}
