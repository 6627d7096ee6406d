/** Generalised Pareto tail: survival function, MLE (profile likelihood, Grimshaw's reduction) and PWM fits. */

/** GPD shape ξ (scipy's c) and scale σ, location 0. */
export interface GpdFit {
  xi: number;
  sigma: number;
}

/** P(Y > y) for excess y ≥ 0: (1 + ξy/σ)^(−1/ξ), exp(−y/σ) when ξ = 0; equals scipy `genpareto.sf(y, c=ξ, scale=σ)`. */
export function gpdSf(y: number, fit: GpdFit): number {
  if (y <= 0) return 1;
  const { xi, sigma } = fit;
  if (Math.abs(xi) < 1e-12) return Math.exp(-y / sigma);
  const base = 1 + (xi * y) / sigma;
  if (base <= 0) return 0;
  return base ** (-1 / xi);
}

/** Profile log-likelihood at θ = ξ/σ: ξ(θ) = mean ln(1+θx), σ = ξ/θ (Grimshaw 1993). */
function profile(xs: ArrayLike<number>, theta: number): { ll: number; xi: number; sigma: number } {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i] ?? 0;
  mean /= n;
  if (Math.abs(theta) < 1e-14) return { ll: -n * Math.log(mean) - n, xi: 0, sigma: mean };
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = 1 + theta * (xs[i] ?? 0);
    if (v <= 0) return { ll: -Infinity, xi: Number.NaN, sigma: Number.NaN };
    s += Math.log(v);
  }
  const xi = s / n;
  const sigma = xi / theta;
  // ξ < −1 makes the likelihood unbounded at the endpoint; those fits are not regular, so exclude them.
  if (!(sigma > 0) || xi < -1) return { ll: -Infinity, xi, sigma };
  return { ll: -n * Math.log(sigma) - n * (1 + xi), xi, sigma };
}

/** Maximises f over [a, b] by golden section; f is evaluated ~60 times. */
function golden(f: (u: number) => number, a: number, b: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let k = 0; k < 80 && Math.abs(b - a) > 1e-12 * (1 + Math.abs(a)); k++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * Maximum-likelihood GPD fit of excesses (location 0, as `genpareto.fit(x, floc=0)`): a log-spaced grid over θ on
 * both sides of 0, refined by golden section around the best grid point.
 */
export function fitGpdMle(xs: ArrayLike<number>): GpdFit {
  let xmax = 0;
  let mean = 0;
  for (let i = 0; i < xs.length; i++) {
    xmax = Math.max(xmax, xs[i] ?? 0);
    mean += xs[i] ?? 0;
  }
  mean /= Math.max(1, xs.length);
  if (xs.length < 2 || !(xmax > 0)) return { xi: 0, sigma: mean };
  // u > 0 ↦ θ = e^u / mean (heavy tail); u < 0 ↦ θ = −(1 − e^u) / xmax (bounded tail).
  const toTheta = (u: number) => (u >= 0 ? Math.expm1(u * 3) / mean : -(-Math.expm1(u * 3)) / xmax);
  const ll = (u: number) => profile(xs, toTheta(u)).ll;
  const grid: number[] = [];
  for (let k = -60; k <= 60; k++) grid.push(k / 10);
  let best = 60;
  let bestLl = -Infinity;
  grid.forEach((u, k) => {
    const v = ll(u);
    if (v > bestLl) {
      bestLl = v;
      best = k;
    }
  });
  const u = golden(ll, grid[Math.max(0, best - 1)] ?? 0, grid[Math.min(grid.length - 1, best + 1)] ?? 0);
  const p = profile(xs, toTheta(u));
  const p0 = profile(xs, 0);
  return p.ll >= p0.ll ? { xi: p.xi, sigma: p.sigma } : { xi: 0, sigma: p0.sigma };
}

/** Hosking–Wallis probability-weighted-moment fit from ascending-sorted excesses (plotting position (i−0.35)/n). */
export function fitGpdPwmSorted(sorted: ArrayLike<number>): GpdFit {
  const n = sorted.length;
  let a0 = 0;
  let a1 = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i] ?? 0;
    a0 += x;
    a1 += (1 - (i + 1 - 0.35) / n) * x;
  }
  a0 /= n;
  a1 /= n;
  const d = a0 - 2 * a1;
  // PWM needs ξ < 1 (a finite mean); otherwise fall back to the exponential tail.
  if (!(d > 0)) return { xi: 0, sigma: a0 };
  return { xi: 2 - a0 / d, sigma: (2 * a0 * a1) / d };
}
