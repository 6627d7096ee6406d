/**
 * Hawkes-lite (statistics.md §1.3 step 10): λ_t = μ + a·E_t, fitted by least squares with μ ≥ 0, a ≥ 0 on the
 * same trailing window of W bars the spike detector uses, with E_t = φ·E_{t−1} + X_{t−1} as in the cascade heat.
 * Least squares needs only five running sums, so a fit costs O(1) per bar (a Poisson QMLE would iterate over the
 * whole window on every bar); docs/method.md has the reasoning and the validation.
 */

/** A fitted window: background rate μ, excitation a, and the number of bars the fit used. */
export interface HawkesFit {
  mu: number;
  a: number;
  n: number;
}

/** Running sums over the window's valid (X, E) pairs. */
export interface HawkesSums {
  n: number;
  sx: number;
  se: number;
  see: number;
  sxe: number;
}

/** Least-squares objective without the constant Σx², to compare boundary candidates. */
function objective(s: HawkesSums, mu: number, a: number): number {
  return mu * mu * s.n + 2 * mu * a * s.se + a * a * s.see - 2 * mu * s.sx - 2 * a * s.sxe;
}

/**
 * Constrained least squares of X on (1, E) from the sums. With two parameters the constrained optimum is the
 * unconstrained one when that is feasible, else the better of the two edges (a = 0 or μ = 0), because the
 * objective is a convex quadratic. Ties and a window whose E does not vary give a = 0 (nothing to attribute).
 */
export function fitFromSums(s: HawkesSums, out: HawkesFit = { mu: 0, a: 0, n: 0 }): HawkesFit {
  const n = s.n;
  out.n = n;
  if (n <= 0) return put(out, Number.NaN, Number.NaN);
  const vee = s.see - (s.se * s.se) / n;
  if (vee > 1e-12 * s.see) {
    const a = (s.sxe - (s.sx * s.se) / n) / vee;
    const mu = (s.sx - a * s.se) / n;
    if (a >= 0 && mu >= 0) return put(out, mu, a);
  }
  const muOnly = Math.max(0, s.sx / n);
  const aOnly = s.see > 0 ? Math.max(0, s.sxe / s.see) : 0;
  return objective(s, 0, aOnly) < objective(s, muOnly, 0) ? put(out, 0, aOnly) : put(out, muOnly, 0);
}

// Writes into a caller-owned object: the engine fits three series on every bar and should not allocate.
function put(out: HawkesFit, mu: number, a: number): HawkesFit {
  out.mu = mu;
  out.a = a;
  return out;
}

/** Background probability μ/λ at heat `e` (NaN when λ = 0 or the fit is missing). */
export function backgroundProbability(fit: HawkesFit, e: number): number {
  const lambda = fit.mu + fit.a * e;
  return lambda > 0 ? fit.mu / lambda : Number.NaN;
}

/** Branching ratio n̂ = a/(1 − φ): the kernel a·φ^(k−1) summed over lags k ≥ 1. */
export function branchingRatio(fit: HawkesFit, phi: number): number {
  return fit.a / (1 - phi);
}

/** Streaming fit over one series; `peek` scores bar t against bars t−W … t−1, `commit` admits bar t. */
export class HawkesLite {
  // Fields that hold fractions start as NaN and are zeroed in the constructor: a field first stored as the
  // integer 0 changes representation at its first fraction, and V8 then discards the optimised code of every
  // function that read it, once more for each new engine (docs/architecture.md, "The compute pass").
  private e = Number.NaN;
  private readonly xs: Float64Array;
  private readonly es: Float64Array;
  private head = 0;
  private filled = 0;
  private sinceRebuild = 0;
  private readonly sums: HawkesSums = {
    n: 0,
    sx: Number.NaN,
    se: Number.NaN,
    see: Number.NaN,
    sxe: Number.NaN,
  };
  private readonly scratch: HawkesFit = { mu: Number.NaN, a: Number.NaN, n: 0 };

  constructor(
    readonly phi: number,
    private readonly window: number,
    private readonly minPeriods: number,
  ) {
    this.xs = new Float64Array(window);
    this.es = new Float64Array(window);
    this.e = 0;
    this.zeroSums();
  }

  /** The current window's fit (a fresh object), NaN parameters before `minPeriods` valid bars. */
  windowFit(): HawkesFit {
    return this.solve({ mu: 0, a: 0, n: 0 });
  }

  /** The recent level before the next bar: (1 − φ)·E_t, an EWMA of the series' past bars (weights sum to 1). */
  recentLevel(): number {
    return (1 - this.phi) * this.e;
  }

  /** p_bg = μ_t/λ_t for the next bar: E_t holds bars up to t−1 only. */
  peek(): number {
    return backgroundProbability(this.solve(this.scratch), this.e);
  }

  private solve(out: HawkesFit): HawkesFit {
    if (this.sums.n >= this.minPeriods) return fitFromSums(this.sums, out);
    out.n = this.sums.n;
    return put(out, Number.NaN, Number.NaN);
  }

  /** Admits bar t's USD `x`; NaN (not covered) occupies a window slot but is not fitted, and adds 0 to E. */
  commit(x: number): void {
    if (this.filled === this.window) this.remove(this.head);
    else this.filled++;
    this.xs[this.head] = x;
    this.es[this.head] = this.e;
    this.add(x, this.e);
    this.head = (this.head + 1) % this.window;
    this.e = this.phi * this.e + (Number.isNaN(x) ? 0 : x);
    // Add/subtract sums of USD² drift once a $100M bar has left the window; rebuilding every W bars bounds it.
    if (++this.sinceRebuild >= this.window) this.rebuild();
  }

  private add(x: number, e: number): void {
    if (Number.isNaN(x)) return;
    const s = this.sums;
    s.n++;
    s.sx += x;
    s.se += e;
    s.see += e * e;
    s.sxe += x * e;
  }

  private remove(i: number): void {
    const x = this.xs[i] ?? Number.NaN;
    if (Number.isNaN(x)) return;
    const e = this.es[i] ?? 0;
    const s = this.sums;
    s.n--;
    s.sx -= x;
    s.se -= e;
    s.see -= e * e;
    s.sxe -= x * e;
  }

  private zeroSums(): void {
    const s = this.sums;
    s.n = 0;
    s.sx = 0;
    s.se = 0;
    s.see = 0;
    s.sxe = 0;
  }

  private rebuild(): void {
    this.sinceRebuild = 0;
    this.zeroSums();
    for (let i = 0; i < this.filled; i++) this.add(this.xs[i] ?? Number.NaN, this.es[i] ?? 0);
  }
}
