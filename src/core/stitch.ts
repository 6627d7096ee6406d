/**
 * Stitching one timeframe from several stored base intervals, and binning to several higher timeframes at once.
 * A bar is taken from the finest source that covers it completely; a bar no source covers stays a gap, so a
 * timeframe shows only what it can represent exactly.
 */
import { binCandles, binLiq } from './binning';
import { TIMEFRAME_SECONDS, type Timeframe } from './intervals';
import {
  type BarFrame,
  type CandleSeries,
  type ExchangeLiq,
  emptyCandles,
  emptyLiq,
  type LiqSeries,
} from './series';
import { type UnixSeconds, unixSeconds } from './time';

/** One source already binned to the target step, finest first. */
export interface StitchSource {
  label: string;
  liq: LiqSeries;
  candles: CandleSeries;
  /** Per exchange, on the same grid as `liq`, in the order `stitch` is given the exchanges. */
  exchanges?: readonly ExchangeLiq[];
}

/** A stitched frame plus where its history begins and which source each stretch came from. */
export interface StitchedFrame {
  frame: BarFrame;
  /** Start of the first covered bar, or null when nothing is covered. */
  historyStart: UnixSeconds | null;
  /** Per source, the first bar it supplied (null when it supplied none). */
  sourceStarts: Array<{ label: string; from: UnixSeconds | null }>;
}

/**
 * Merges sources on one grid of `step` seconds; earlier sources win where they are covered. With `exchanges`, every
 * source carries those exchanges' series and the frame gets the breakdown: each bar's exchange values come from
 * the source its aggregate came from, so they sum to it; a bar no source covers is a gap for every exchange.
 */
export function stitch(
  sources: readonly StitchSource[],
  step: number,
  exchanges?: readonly string[],
): StitchedFrame {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const s of sources) {
    const n = s.liq.long.length;
    if (n === 0) continue;
    from = Math.min(from, s.liq.start);
    to = Math.max(to, s.liq.start + n * step);
  }
  if (!Number.isFinite(from)) {
    const z = unixSeconds(0);
    const none = exchanges?.map((exchange) => ({ exchange, liq: emptyLiq(z, step, 0) }));
    return {
      frame: {
        start: z,
        step,
        liq: emptyLiq(z, step, 0),
        candles: emptyCandles(z, step, 0),
        ...(none ? { exchanges: none } : {}),
      },
      historyStart: null,
      sourceStarts: [],
    };
  }
  const n = Math.round((to - from) / step);
  const start = unixSeconds(from);
  const liq = emptyLiq(start, step, n);
  const candles = emptyCandles(start, step, n);
  const byExchange = exchanges?.map((exchange) => ({ exchange, liq: emptyLiq(start, step, n) }));
  const sourceStarts: StitchedFrame['sourceStarts'] = [];
  for (const s of sources) {
    let first: UnixSeconds | null = null;
    const off = Math.round((s.liq.start - from) / step);
    const parts = byExchange ? exchangeParts(s, byExchange) : [];
    for (let k = 0; k < s.liq.long.length; k++) {
      const i = k + off;
      if (!s.liq.covered[k] || liq.covered[i]) continue;
      liq.long[i] = s.liq.long[k] ?? 0;
      liq.short[i] = s.liq.short[k] ?? 0;
      liq.covered[i] = 1;
      for (const [out, src] of parts) {
        out.long[i] = src.long[k] ?? 0;
        out.short[i] = src.short[k] ?? 0;
        out.covered[i] = src.covered[k] ?? 0;
      }
      if (first === null) first = unixSeconds(from + i * step);
    }
    const coff = Math.round((s.candles.start - from) / step);
    for (let k = 0; k < s.candles.close.length; k++) {
      const i = k + coff;
      if (
        i < 0 ||
        i >= n ||
        Number.isNaN(s.candles.close[k] ?? Number.NaN) ||
        !Number.isNaN(candles.close[i] ?? Number.NaN)
      )
        continue;
      candles.open[i] = s.candles.open[k] ?? Number.NaN;
      candles.high[i] = s.candles.high[k] ?? Number.NaN;
      candles.low[i] = s.candles.low[k] ?? Number.NaN;
      candles.close[i] = s.candles.close[k] ?? Number.NaN;
      candles.volume[i] = s.candles.volume[k] ?? Number.NaN;
    }
    sourceStarts.push({ label: s.label, from: first });
  }
  const firstCovered = liq.covered.indexOf(1);
  return {
    frame: { start, step, liq, candles, ...(byExchange ? { exchanges: byExchange } : {}) },
    historyStart: firstCovered < 0 ? null : unixSeconds(from + firstCovered * step),
    sourceStarts,
  };
}

/** Pairs each output exchange series with the source's series of the same exchange, on the source's grid. */
function exchangeParts(s: StitchSource, out: readonly ExchangeLiq[]): Array<[LiqSeries, LiqSeries]> {
  return out.map((o, e) => {
    const src = s.exchanges?.[e];
    if (!src || src.exchange !== o.exchange) throw new Error(`stitch: source ${s.label} lacks ${o.exchange}`);
    if (src.liq.start !== s.liq.start || src.liq.long.length !== s.liq.long.length)
      throw new Error(`stitch: ${o.exchange} of ${s.label} is not on the source's grid`);
    return [o.liq, src.liq];
  });
}

/** What the chart should say about a stitched frame: where its history begins and what older bars are built from. */
export function stitchNotice(timeframe: Timeframe, s: StitchedFrame): string | null {
  if (s.historyStart === null) return null;
  const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ');
  const used = s.sourceStarts.filter((x) => x.from !== null);
  const finest = used[0];
  const older = used.slice(1).map((x) => x.label);
  const base = `${timeframe} history begins ${day(s.historyStart)} UTC`;
  if (!finest || older.length === 0 || finest.from === s.historyStart)
    return `${base} (from ${finest?.label ?? '?'} data)`;
  return `${base}; before ${day(finest.from ?? 0)} built from ${older.join(', ')} data`;
}

/** Bins a frame to several coarser timeframes at once (the HTF panel); timeframes its step cannot divide are skipped. */
export function binHigherTimeframes(
  frame: BarFrame,
  timeframes: readonly Timeframe[],
): Partial<Record<Timeframe, BarFrame>> {
  const out: Partial<Record<Timeframe, BarFrame>> = {};
  for (const tf of timeframes) {
    const target = TIMEFRAME_SECONDS[tf];
    if (target < frame.step || target % frame.step !== 0) continue;
    const liq = binLiq(frame.liq, target);
    out[tf] = { start: liq.start, step: target, liq, candles: binCandles(frame.candles, target) };
  }
  return out;
}
