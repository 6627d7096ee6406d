/** Re-binning dense series onto a coarser, aligned grid: liquidations sum, candles aggregate OHLCV. */
import { type CandleSeries, emptyCandles, emptyLiq, type LiqSeries } from './series';
import { floorTo } from './time';

function grid(start: number, step: number, n: number, target: number) {
  if (target % step !== 0) throw new Error(`cannot bin ${step}s buckets into ${target}s bars`);
  const outStart = floorTo(start, target);
  const outN = n === 0 ? 0 : Math.floor((start + (n - 1) * step - outStart) / target) + 1;
  return { outStart, outN, ratio: target / step, lead: (start - outStart) / step };
}

/**
 * Sums liquidations into `target`-second bars. A bar is covered only if every one of its source buckets is,
 * so a partly known bar is never shown as a complete total. `openEnd`, the source's coverage end when it falls
 * inside the last bar: that bar is the open one, and counts as covered when every bucket before `openEnd` is (the
 * sum so far, as the API's own coarser intervals give their open bucket).
 */
export function binLiq(src: LiqSeries, target: number, openEnd?: number): LiqSeries {
  const n = src.long.length;
  const { outStart, outN, ratio, lead } = grid(src.start, src.step, n, target);
  const out = emptyLiq(outStart, target, outN);
  const seen = new Uint16Array(outN);
  for (let i = 0; i < n; i++) {
    const j = Math.floor((i + lead) / ratio);
    out.long[j] += src.long[i] ?? 0;
    out.short[j] += src.short[i] ?? 0;
    if (src.covered[i]) seen[j]++;
  }
  for (let j = 0; j < outN; j++) out.covered[j] = seen[j] === ratio ? 1 : 0;
  if (openEnd !== undefined && outN > 0) coverOpenBar(src, out, openEnd);
  return out;
}

/** Marks `out`'s last bar covered when it holds `openEnd` and every source bucket before `openEnd` is covered. */
function coverOpenBar(src: LiqSeries, out: LiqSeries, openEnd: number): void {
  const j = out.long.length - 1;
  const barStart = out.start + j * out.step;
  if (!(openEnd > barStart && openEnd < barStart + out.step)) return;
  const first = (barStart - src.start) / src.step;
  const stop = Math.ceil((openEnd - src.start) / src.step);
  if (first < 0 || stop > src.long.length) return;
  for (let i = first; i < stop; i++) if (!src.covered[i]) return;
  out.covered[j] = 1;
}

/** Aggregates candles into `target`-second bars: first open, max high, min low, last close, summed volume. */
export function binCandles(src: CandleSeries, target: number): CandleSeries {
  const n = src.close.length;
  const { outStart, outN, ratio, lead } = grid(src.start, src.step, n, target);
  const out = emptyCandles(outStart, target, outN);
  for (let i = 0; i < n; i++) {
    const c = src.close[i] ?? Number.NaN;
    if (Number.isNaN(c)) continue;
    const j = Math.floor((i + lead) / ratio);
    if (Number.isNaN(out.open[j] ?? Number.NaN)) {
      out.open[j] = src.open[i] ?? c;
      out.high[j] = src.high[i] ?? c;
      out.low[j] = src.low[i] ?? c;
      out.volume[j] = 0;
    }
    out.high[j] = Math.max(out.high[j] ?? c, src.high[i] ?? c);
    out.low[j] = Math.min(out.low[j] ?? c, src.low[i] ?? c);
    out.close[j] = c;
    out.volume[j] = (out.volume[j] ?? 0) + (src.volume[i] ?? 0);
  }
  return out;
}
