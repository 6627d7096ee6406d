/** Trailing robust baseline (median, scale, empirical rank) over the last W values, excluding the one scored. */
import { SortedWindow } from './sorted-window';

/** 1/Φ⁻¹(0.75): makes the MAD a consistent estimator of σ for normal data. */
export const MAD_TO_SIGMA = 1.482602218505602;
/** √(π/2): makes the mean absolute deviation consistent for σ; the MAD = 0 fallback. */
export const MEAN_ABS_TO_SIGMA = 1.2533141373155001;

/** What the baseline says about one new value. */
export interface RobustScore {
  /** Non-NaN values in the window. */
  n: number;
  median: number;
  /** max(1.4826·MAD, or 1.2533·meanAbsDev when MAD = 0, σ_min). */
  sigma: number;
  /** (x − median − offset)/σ; NaN before minPeriods. */
  z: number;
  /** (1 + #{window ≥ x}) / (n + 1). */
  pEmp: number;
}

/** Streaming trailing window: `peek` scores against the past only, `push` then admits the value. */
export class RollingRobust {
  readonly sorted: SortedWindow;
  private readonly ring: Float64Array;
  private head = 0;
  private filled = 0;
  /**
   * The one result `baseline` and `peek` write into and return: scoring runs five windows per bar, and an object
   * per call was most of the full pass's garbage (GC took ~14 % of it in Chromium). Read it before the next call.
   */
  private readonly out: RobustScore = {
    n: 0,
    median: Number.NaN,
    sigma: Number.NaN,
    z: Number.NaN,
    pEmp: Number.NaN,
  };

  constructor(
    readonly window: number,
    readonly minPeriods: number,
    readonly sigmaMin: number,
  ) {
    this.ring = new Float64Array(Math.max(1, window));
    this.sorted = new SortedWindow(window);
  }

  /** Admits a value (NaN occupies a slot but is not ranked, like pandas). */
  push(x: number): void {
    if (this.filled === this.window) this.sorted.replace(this.ring[this.head] ?? Number.NaN, x);
    else {
      this.filled++;
      this.sorted.insert(x);
    }
    this.ring[this.head] = x;
    this.head = (this.head + 1) % this.window;
  }

  /** Median and floored robust σ of the window (NaN when below minPeriods); z and pEmp are NaN. Reused object. */
  baseline(): RobustScore {
    const s = this.sorted;
    const o = this.out;
    const n = s.size;
    o.n = n;
    o.z = Number.NaN;
    o.pEmp = Number.NaN;
    if (n < this.minPeriods || n === 0) {
      o.median = Number.NaN;
      o.sigma = Number.NaN;
      return o;
    }
    const median = s.median();
    let sigma = MAD_TO_SIGMA * s.mad(median);
    if (sigma === 0) sigma = MEAN_ABS_TO_SIGMA * s.meanAbsDev(median);
    o.median = median;
    o.sigma = Math.max(sigma, this.sigmaMin);
    return o;
  }

  /** Scores x against the window without admitting it; `offset` is the seasonal term. Reused object. */
  peek(x: number, offset = 0): RobustScore {
    const o = this.baseline();
    if (Number.isNaN(o.median)) return o;
    o.z = (x - o.median - offset) / o.sigma;
    o.pEmp = (1 + this.sorted.countAtLeast(x)) / (o.n + 1);
    return o;
  }
}

/** A rolling statistic over a closed='left' window of `w` values, as pandas computes it (NaN below minPeriods). */
function rollingLeft(xs: ArrayLike<number>, w: number, minPeriods: number, f: (s: SortedWindow) => number) {
  const r = new RollingRobust(w, minPeriods, 0);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    out[i] = r.sorted.size >= minPeriods && r.sorted.size > 0 ? f(r.sorted) : Number.NaN;
    r.push(xs[i] ?? Number.NaN);
  }
  return out;
}

/** pandas `rolling(w, min_periods, closed='left').median()`. */
export function rollingMedianLeft(xs: ArrayLike<number>, w: number, minPeriods = w): Float64Array {
  return rollingLeft(xs, w, minPeriods, (s) => s.median());
}

/** Rolling raw MAD (scipy `median_abs_deviation`, scale 1) over a closed='left' window. */
export function rollingMadLeft(xs: ArrayLike<number>, w: number, minPeriods = w): Float64Array {
  return rollingLeft(xs, w, minPeriods, (s) => s.mad(s.median()));
}

/** pandas `rolling(w, closed='left').quantile(q, 'linear')`. */
export function rollingQuantileLeft(
  xs: ArrayLike<number>,
  w: number,
  q: number,
  minPeriods = w,
): Float64Array {
  return rollingLeft(xs, w, minPeriods, (s) => s.quantile(q));
}

/** Trailing robust z and empirical p of every value against the previous `w` values. */
export function rollingRobustZ(
  xs: ArrayLike<number>,
  w: number,
  minPeriods: number,
  sigmaMin: number,
): { z: Float64Array; pEmp: Float64Array } {
  const r = new RollingRobust(w, minPeriods, sigmaMin);
  const z = new Float64Array(xs.length);
  const pEmp = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] ?? Number.NaN;
    const s = r.peek(x);
    z[i] = s.z;
    pEmp[i] = s.pEmp;
    r.push(x);
  }
  return { z, pEmp };
}
