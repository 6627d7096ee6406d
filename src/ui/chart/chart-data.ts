/** Converts a dense frame into lightweight-charts data; gaps become whitespace so they are never drawn as zeros. */
import type { CandlestickData, HistogramData, UTCTimestamp, WhitespaceData } from 'lightweight-charts';
import type { BarFrame } from '../../core/series';

/** Series-ready arrays for one frame. */
export interface ChartData {
  candles: Array<CandlestickData<UTCTimestamp> | WhitespaceData<UTCTimestamp>>;
  /** Short liquidations, drawn upward. */
  shorts: Array<HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp>>;
  /** Long liquidations, drawn downward (negative values). */
  longs: Array<HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp>>;
}

/** Builds the three series arrays of a frame. */
export function toChartData(frame: BarFrame): ChartData {
  const { candles: c, liq } = frame;
  const n = c.close.length;
  const out: ChartData = { candles: new Array(n), shorts: new Array(n), longs: new Array(n) };
  for (let i = 0; i < n; i++) {
    const time = (frame.start + i * frame.step) as UTCTimestamp;
    const close = c.close[i] ?? Number.NaN;
    out.candles[i] = Number.isNaN(close)
      ? { time }
      : { time, open: c.open[i] ?? close, high: c.high[i] ?? close, low: c.low[i] ?? close, close };
    if (liq.covered[i]) {
      out.shorts[i] = { time, value: liq.short[i] ?? 0 };
      out.longs[i] = { time, value: -(liq.long[i] ?? 0) };
    } else {
      out.shorts[i] = { time };
      out.longs[i] = { time };
    }
  }
  return out;
}

/** Index of the bar starting at `time` in the frame, or -1. */
export function barIndex(frame: BarFrame, time: number): number {
  const i = (time - frame.start) / frame.step;
  return Number.isInteger(i) && i >= 0 && i < frame.candles.close.length ? i : -1;
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? Number.NaN;
    const y = b[i] ?? Number.NaN;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

/** True when both frames have the same exchanges with the same values in their first `k` bars. */
function sameExchanges(prev: BarFrame, next: BarFrame, k: number): boolean {
  const a = prev.exchanges;
  const b = next.exchanges;
  if (!a || !b) return a === b;
  return (
    a.length === b.length &&
    a.every((e, j) => {
      const f = b[j];
      return (
        f !== undefined &&
        e.exchange === f.exchange &&
        sameValues(e.liq.long, f.liq.long, k) &&
        sameValues(e.liq.short, f.liq.short, k) &&
        sameValues(e.liq.covered, f.liq.covered, k)
      );
    })
  );
}

/**
 * Where `next` starts to differ from `prev` when only the newest bar changed or one bar was appended (the live
 * case): the index of prev's last bar. -1 when anything else changed, so the chart must be set afresh.
 */
export function changedTail(prev: BarFrame, next: BarFrame): number {
  const n = prev.candles.close.length;
  const m = next.candles.close.length;
  if (prev.start !== next.start || prev.step !== next.step || n === 0 || (m !== n && m !== n + 1)) return -1;
  const k = n - 1;
  const p = prev.candles;
  const q = next.candles;
  const same =
    sameValues(p.open, q.open, k) &&
    sameValues(p.high, q.high, k) &&
    sameValues(p.low, q.low, k) &&
    sameValues(p.close, q.close, k) &&
    sameValues(prev.liq.long, next.liq.long, k) &&
    sameValues(prev.liq.short, next.liq.short, k) &&
    sameValues(prev.liq.covered, next.liq.covered, k) &&
    sameExchanges(prev, next, k);
  return same ? k : -1;
}
