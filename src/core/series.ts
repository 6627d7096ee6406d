import { floorTo, type UnixSeconds } from './time';

/**
 * Dense, evenly spaced liquidation buckets: bucket i starts at `start + i * step`.
 * `covered[i]` is 1 where the data is known (a zero there is a real zero) and 0 inside a gap.
 */
export interface LiqSeries {
  start: UnixSeconds;
  step: number;
  long: Float64Array;
  short: Float64Array;
  covered: Uint8Array;
}

/** Dense, evenly spaced candles; NaN marks a bucket with no candle. */
export interface CandleSeries {
  start: UnixSeconds;
  step: number;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/**
 * One exchange's share of a frame's liquidations, on the frame's grid: its values are what the aggregate sums for
 * that exchange's contracts, and `covered[i]` is 1 where its own contracts cover the whole bar.
 */
export interface ExchangeLiq {
  /** Coinalyze exchange code (or an imported aggregate's code). */
  exchange: string;
  liq: LiqSeries;
}

/** Candles and liquidations on one time grid: what the chart draws and the compute worker scores. */
export interface BarFrame {
  start: UnixSeconds;
  step: number;
  candles: CandleSeries;
  liq: LiqSeries;
  /** The liquidations per exchange, present only when the request asked for the breakdown. */
  exchanges?: ExchangeLiq[];
  /**
   * Open interest (USD, summed over the frame's contract filter) at each bar's open, NaN where it is missing;
   * present only where a caller read it (the bp-of-OI score, the study's grouping). See core/context/liq-bp.
   */
  oiOpen?: Float64Array;
}

/** Number of buckets in a series. */
export function length(series: { long: Float64Array } | { close: Float64Array }): number {
  return 'long' in series ? series.long.length : series.close.length;
}

/** The buckets of `step` seconds a read of [from, to) returns: the first bucket's start and how many. */
export function bucketsOver(step: number, from: number, to: number): { start: UnixSeconds; n: number } {
  const start = floorTo(from, step);
  return { start, n: Math.max(0, Math.ceil((to - start) / step)) };
}

/** An empty liquidation series of `n` buckets, all uncovered. */
export function emptyLiq(start: UnixSeconds, step: number, n: number): LiqSeries {
  return { start, step, long: new Float64Array(n), short: new Float64Array(n), covered: new Uint8Array(n) };
}

/** An empty candle series of `n` buckets, all NaN. */
export function emptyCandles(start: UnixSeconds, step: number, n: number): CandleSeries {
  const nan = () => new Float64Array(n).fill(Number.NaN);
  return { start, step, open: nan(), high: nan(), low: nan(), close: nan(), volume: nan() };
}

/** The typed arrays of a frame, for handing to comlink `transfer` without copying. */
export function frameBuffers(frame: BarFrame): ArrayBuffer[] {
  const c = frame.candles;
  const l = frame.liq;
  const ex = (frame.exchanges ?? []).flatMap((e) => [e.liq.long, e.liq.short, e.liq.covered]);
  return [c.open, c.high, c.low, c.close, c.volume, l.long, l.short, l.covered, ...ex].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** Bars [from, to) of a liquidation series: views on the same buffers. */
function sliceLiq(l: LiqSeries, start: UnixSeconds, from: number, to: number): LiqSeries {
  return {
    start,
    step: l.step,
    long: l.long.subarray(from, to),
    short: l.short.subarray(from, to),
    covered: l.covered.subarray(from, to),
  };
}

/** Bars [from, to) of a frame as a frame of their own: views on the same buffers, no copies. */
export function sliceFrame(frame: BarFrame, from: number, to: number = frame.candles.close.length): BarFrame {
  const c = frame.candles;
  const l = frame.liq;
  const start = (frame.start + from * frame.step) as UnixSeconds;
  return {
    start,
    step: frame.step,
    candles: {
      start,
      step: frame.step,
      open: c.open.subarray(from, to),
      high: c.high.subarray(from, to),
      low: c.low.subarray(from, to),
      close: c.close.subarray(from, to),
      volume: c.volume.subarray(from, to),
    },
    liq: sliceLiq(l, start, from, to),
    ...(frame.exchanges
      ? {
          exchanges: frame.exchanges.map((e) => ({
            exchange: e.exchange,
            liq: sliceLiq(e.liq, start, from, to),
          })),
        }
      : {}),
    ...(frame.oiOpen ? { oiOpen: frame.oiOpen.subarray(from, to) } : {}),
  };
}
