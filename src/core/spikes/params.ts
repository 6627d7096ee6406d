/** Spike-detection parameters (statistics.md §0, §1.3–1.4); every default is a starting point, not an optimum. */
import type { ScoreBasis } from '../context/liq-bp';
import { TIMEFRAME_SECONDS, type Timeframe } from '../intervals';

/** Editable spike parameters. */
export interface SpikeParams {
  /**
   * What is scored: liquidated USD, or liquidated USD in basis points of the open interest at the bar's open
   * (summed over the same contracts). Under `bpOfOi` a bar without open interest is a gap: not scored, not ranked.
   * The USD floor stays in USD either way.
   */
  scoreBasis: ScoreBasis;
  /** Baseline window in bars; 0 = auto: `windowDays` of bars, at least `minWindowBars`, at most ⅓ of history. */
  windowBars: number;
  windowDays: number;
  minWindowBars: number;
  /** Scores start once the window holds this fraction of W (½, UNVERIFIED). */
  minPeriodsFraction: number;
  /** σ floor in log units. */
  sigmaMin: number;
  /**
   * Robust z cut-off. statistics.md starts from Iglewicz–Hoaglin's 3.5; we default to 2.0 because on real
   * liquidation series the log-scale MAD is so wide that known cascades score 2–3 (docs/method.md).
   */
  zThreshold: number;
  /** Empirical p cut-off; drives the expected false alarms per day. */
  pThreshold: number;
  /** Absolute USD floor per bar (0 = none). */
  usdFloor: number;
  /** Also require X ≥ this trailing quantile of X (0 = off). */
  floorQuantile: number;
  /** Hour-of-day seasonal offset, used only for bars of 1 h or shorter. */
  seasonal: boolean;
  seasonalDays: number;
  /** The offset shrinks toward 0 while its hour bucket holds fewer points than this. */
  seasonalMinPoints: number;
  /**
   * Long baseline ("how rare in this regime"): a sliding window of this many days, at least `longMinBars` bars
   * (90 daily bars hold too few peaks for a tail), or all the history there is when that is shorter.
   */
  longWindowDays: number;
  longMinBars: number;
  /** Threshold u of the long window's peaks-over-threshold tail: this quantile of the window's USD. */
  longTailLevel: number;
  /** While the long window is short, u is lowered so that at least this many bars exceed it. */
  longTailMinExcess: number;
  /**
   * An event is "extreme" when the long-window tail puts its return period at this many days or more, and its
   * tail p at or below `pThreshold` (so on daily bars extreme is never more common than a spike).
   */
  extremeReturnDays: number;
  /**
   * "Seasonal" needs the bar to be ordinary for its hour of day over the long window: at least this share of that
   * hour's bars there were as large (and the bar not in the long window's top 1 %).
   */
  seasonalHourP: number;
  /** Runs rule: spike bars separated by at most this much quiet time form one event (r = 3 at 5m, 1 at 1h). */
  runGapSeconds: number;
  /** Half-life of the cascade-heat memory E. */
  heatHalfLifeSeconds: number;
  /**
   * Below this z(E) before the event: onset; at or above it, continuation. statistics.md puts continuation at
   * z(E) ≥ 2 and leaves 1 ≤ z(E) < 2 open; we call that band continuation too, so one cut-off is all there is.
   */
  onsetHeatZ: number;
  /** Hawkes-lite p_bg below this: continuation (statistics.md §1.4: 0.3; 0 = off). */
  continuationPBg: number;
  /**
   * A first bar at least this many times its side's recent level (the heat-half-life EWMA of the bars before) is
   * an onset whatever the heat and p_bg say: recent liquidations cannot explain a jump that size (0 = off).
   */
  onsetJump: number;
}

/** Defaults from statistics.md §0, except zThreshold and the long baseline (see docs/method.md). */
export const DEFAULT_SPIKE_PARAMS: SpikeParams = {
  scoreBasis: 'usd',
  windowBars: 0,
  windowDays: 7,
  minWindowBars: 150,
  minPeriodsFraction: 0.5,
  sigmaMin: 0.1,
  zThreshold: 2,
  pThreshold: 0.01,
  usdFloor: 0,
  floorQuantile: 0.9,
  seasonal: true,
  seasonalDays: 28,
  seasonalMinPoints: 10,
  longWindowDays: 90,
  longMinBars: 365,
  longTailLevel: 0.98,
  longTailMinExcess: 20,
  extremeReturnDays: 20,
  seasonalHourP: 0.1,
  runGapSeconds: 900,
  heatHalfLifeSeconds: 3600,
  onsetHeatZ: 1,
  continuationPBg: 0.3,
  onsetJump: 10,
};

/** The baseline window W in bars for a frame of `n` bars of `step` seconds. */
export function resolveWindow(params: SpikeParams, step: number, n: number): number {
  if (params.windowBars > 0) return Math.round(params.windowBars);
  const days = Math.round((params.windowDays * 86400) / step);
  return Math.max(params.minWindowBars, Math.min(days, Math.floor(n / 3)));
}

/** The long baseline's window in bars for bars of `step` seconds (the frame's length does not cap it). */
export function resolveLongWindow(params: SpikeParams, step: number): number {
  return Math.max(1, Math.round((params.longWindowDays * 86400) / step), Math.round(params.longMinBars));
}

/**
 * The long-window tail p at or below which an event is extreme: one bar in `extremeReturnDays` of bars, and never
 * above the spike p threshold (at 1D, 20 days would be a p of 0.05, commoner than a spike).
 */
export function extremeTailP(params: SpikeParams, step: number): number {
  return Math.min(step / (params.extremeReturnDays * 86400), params.pThreshold);
}

/** Runs-rule gap r in bars (at least 1). */
export function runGapBars(params: SpikeParams, step: number): number {
  return Math.max(1, Math.round(params.runGapSeconds / step));
}

/** Half-life of the heat memory in bars (at least 1). */
export function heatHalfLifeBars(params: SpikeParams, step: number): number {
  return Math.max(1, params.heatHalfLifeSeconds / step);
}

/** Expected false alarms per day per series = p threshold × bars per day (statistics.md §1.4). */
export function expectedFalseAlarmsPerDay(p: number, timeframe: Timeframe): number {
  return p * (86400 / TIMEFRAME_SECONDS[timeframe]);
}

/**
 * The p threshold the empirical p can actually reach with W past bars: p_emp takes values k/(W+1), so the
 * effective cut-off is ⌊p·(W+1)⌋/(W+1), and 0 when W is too short to ever reach p.
 */
export function attainablePThreshold(p: number, window: number): number {
  return Math.floor(p * (window + 1) + 1e-9) / (window + 1);
}
