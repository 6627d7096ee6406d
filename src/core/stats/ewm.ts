/** Exponentially weighted mean and variance, the Finch (2009) recursion = pandas `ewm(adjust=False)`, bias=True. */

/** α for a half-life of `h` steps: 1 − exp(−ln2 / h). */
export function alphaFromHalfLife(h: number): number {
  return 1 - Math.exp(-Math.LN2 / h);
}

/** α for a span of n steps: 2 / (n + 1). */
export function alphaFromSpan(n: number): number {
  return 2 / (n + 1);
}

/** Running EW mean/variance; NaN inputs leave the state unchanged (pandas ignore_na semantics differ: see docs). */
export class Ewm {
  mean = Number.NaN;
  variance = Number.NaN;

  constructor(readonly alpha: number) {}

  /** The state after x, without changing this one (for a still-open bar). */
  peek(x: number): { mean: number; variance: number } {
    if (Number.isNaN(x)) return { mean: this.mean, variance: this.variance };
    if (Number.isNaN(this.mean)) return { mean: x, variance: 0 };
    const diff = x - this.mean;
    return {
      mean: this.mean + this.alpha * diff,
      variance: (1 - this.alpha) * (this.variance + this.alpha * diff * diff),
    };
  }

  /** Admits x. */
  push(x: number): void {
    const s = this.peek(x);
    this.mean = s.mean;
    this.variance = s.variance;
  }
}

/** EW mean and (biased) variance of a whole series. */
export function ewmSeries(
  xs: ArrayLike<number>,
  alpha: number,
): { mean: Float64Array; variance: Float64Array } {
  const e = new Ewm(alpha);
  const mean = new Float64Array(xs.length);
  const variance = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    e.push(xs[i] ?? Number.NaN);
    mean[i] = e.mean;
    variance[i] = e.variance;
  }
  return { mean, variance };
}
