/**
 * The long baseline of one liquidation series ("how rare in this regime"): a sliding POT tail on USD over
 * `longWindowDays` of bars (or all the history there is), and per UTC hour of day the same window's bars, which
 * decide whether a bar is ordinary for its hour. O(1) amortised per bar; see SlidingSpot.
 */

import type { GpdFit } from '../stats/gpd';
import { SlidingSpot } from '../stats/spot';
import { resolveLongWindow, runGapBars, type SpikeParams } from './params';

/** Quantile above which a bar is never "seasonal" (the top 1 % of the long window). */
export const SEASONAL_TOP_QUANTILE = 0.99;

/** Long-window tail and hour-of-day ranks of one series; the queries never change what later scores are. */
export class LongBaseline {
  readonly window: number;
  private readonly spot: SlidingSpot;
  private readonly hourly: boolean;
  /** The window's values by bar: bar b sits in values[b % window]. */
  private readonly values: Float64Array;
  /** Bars committed so far (the index of the bar scored next). */
  private t = 0;

  constructor(
    private readonly params: SpikeParams,
    private readonly step: number,
    minPeriods: number,
  ) {
    this.window = resolveLongWindow(params, step);
    this.spot = new SlidingSpot({
      window: this.window,
      level: params.longTailLevel,
      minExcess: params.longTailMinExcess,
      runGap: runGapBars(params, step),
      recalibrateEvery: Math.max(1, Math.round(86400 / step)),
      minPeriods,
      topQuantile: SEASONAL_TOP_QUANTILE,
    });
    // Hour-of-day ranks only where bars divide an hour (the same bars the seasonal offset is used for).
    this.hourly = step <= 3600 && 3600 % step === 0;
    this.values = new Float64Array(this.window);
  }

  /** The tail as it stands: threshold u, the finished clusters' peak excesses and the GPD fitted to them. */
  tail(): { threshold: number; excesses: number[]; fit: GpdFit | null } {
    return { threshold: this.spot.threshold, excesses: this.spot.peakExcesses(), fit: this.spot.model() };
  }

  /** Per-bar rate of declustered peaks at least `x` USD (NaN at or below u, or with too little history). */
  tailP(x: number): number {
    return this.spot.peek(x);
  }

  /**
   * True when `x` at bar start `time` is ordinary for its UTC hour of day over the long window (at least
   * `seasonalHourP` of that hour's bars there were as large, from `seasonalMinPoints` of them) and below the
   * window's top 1 %. Always false for bars longer than an hour and before the tail has its threshold.
   */
  ordinaryForHour(x: number, time: number): boolean {
    if (!this.hourly || Number.isNaN(x) || Number.isNaN(this.spot.threshold)) return false;
    if (x >= this.spot.quantile(SEASONAL_TOP_QUANTILE)) return false;
    // Only spike bars ask, so the same-hour bars are counted on demand instead of kept sorted for every bar:
    // bar b0 starts this UTC hour today, and the hour's bars on day d back are b0 − d·perDay … + perHour − 1.
    const W = this.window;
    const perDay = 86400 / this.step;
    const perHour = 3600 / this.step;
    const sinceHour = Math.floor((((time % 3600) + 3600) % 3600) / this.step);
    const b = this.t;
    const from = b - W;
    let n = 0;
    let atLeast = 0;
    for (let b0 = b - sinceHour; b0 + perHour - 1 >= from; b0 -= perDay) {
      for (let k = Math.max(b0, from); k < Math.min(b0 + perHour, b); k++) {
        const v = this.values[k % W] ?? Number.NaN;
        if (Number.isNaN(v)) continue;
        n++;
        if (v >= x) atLeast++;
      }
    }
    if (n < this.params.seasonalMinPoints) return false;
    return (1 + atLeast) / (n + 1) >= this.params.seasonalHourP;
  }

  /** Admits the closed bar. */
  commit(x: number): void {
    this.values[this.t % this.window] = x;
    this.t++;
    this.spot.push(x);
  }
}
