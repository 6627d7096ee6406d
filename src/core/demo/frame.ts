/** The demo asset as a chart frame at a timeframe, without storage: used to paint the first chart at once. */
import { binCandles, binLiq } from '../binning';
import type { BarFrame } from '../series';
import type { DemoFrame } from './convert';

/** The asset (or a converted frame) binned to `seconds`-long bars, or null when it is too coarse for that timeframe. */
export function demoFrame(asset: Omit<DemoFrame, 'report'>, seconds: number): BarFrame | null {
  if (seconds % asset.step !== 0) return null;
  const n = asset.close.length;
  const base: BarFrame = {
    start: asset.start,
    step: asset.step,
    candles: {
      start: asset.start,
      step: asset.step,
      open: asset.open,
      high: asset.high,
      low: asset.low,
      close: asset.close,
      volume: asset.volume,
    },
    liq: {
      start: asset.start,
      step: asset.step,
      long: asset.longUsd,
      short: asset.shortUsd,
      covered: new Uint8Array(n).fill(1),
    },
  };
  if (seconds === asset.step) return base;
  const liq = binLiq(base.liq, seconds);
  return { start: liq.start, step: seconds, liq, candles: binCandles(base.candles, seconds) };
}
