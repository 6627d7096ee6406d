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
