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

/** Sums over the excesses at θ > 0 that the profile likelihood and its s-derivatives need (s = ln θ). */
function sums(xs: ArrayLike<number>, k: number, theta: number): { xi: number; a: number; b: number } {
  let l = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i < k; i++) {
    const t = theta * (xs[i] ?? 0);
    const w = t / (1 + t);
    l += Math.log1p(t);
    a += w;
    b += w * (1 - w);
  }
  return { xi: l / k, a: a / k, b: b / k };
}

/**
 * Maximum-likelihood GPD fit with ξ ≥ 0 (no finite upper end point), location 0: the same estimator as scipy's
 * `genpareto.fit(x, floc=0)` whenever that gives ξ ≥ 0, and `genpareto.fit(x, f0=0, floc=0)` (the exponential,
 * σ = mean) otherwise. The profile log-likelihood in s = ln θ (θ = ξ/σ, Grimshaw 1993) is maximised by a
 * bracketing search from the method-of-moments start, then Newton steps kept inside the bracket. The result is a
 * function of the excesses alone (no warm start), so a live update and a full pass refit to the same bits.
 */
export function fitGpdTail(xs: ArrayLike<number>, count = xs.length): GpdFit {
  const k = count;
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < k; i++) {
    const x = xs[i] ?? 0;
    m1 += x;
    m2 += x * x;
  }
  m1 /= Math.max(1, k);
  m2 /= Math.max(1, k);
  const exponential: GpdFit = { xi: 0, sigma: m1 };
  if (k < 2 || !(m1 > 0)) return exponential;
  // g'(s)/k = 1 − A − A/ξ; g''(s)/k = −(Bξ − A²)/ξ² − B.
  const slope = (s: number) => {
    const r = sums(xs, k, Math.exp(s) / m1);
    return { d1: 1 - r.a - r.a / r.xi, d2: -(r.b * r.xi - r.a * r.a) / (r.xi * r.xi) - r.b, xi: r.xi };
  };
  const variance = m2 - m1 * m1;
  const xiMom = variance > 0 ? 0.5 * (1 - (m1 * m1) / variance) : 0;
  const sigmaMom = 0.5 * m1 * (1 + (variance > 0 ? (m1 * m1) / variance : 0));
  // θ·mean = ξ·mean/σ; start no lower than ξ = 0.05 so the search begins inside the heavy-tail region.
  let s = Math.log((Math.max(xiMom, 0.05) / sigmaMom) * m1);
  const S_MIN = -14;
  const S_MAX = 14;
  let lo = Number.NaN;
  let hi = Number.NaN;
  // Safeguarded Newton on g'(s) = 0: unit-bounded steps until a sign change of g' (+ left, − right) is bracketed,
  // then Newton inside the bracket, bisection when Newton would leave it.
  for (let it = 0; it < 200; it++) {
    const c = slope(s);
    // Near θ = 0 the slope has the sign of m2 − 2m1² (coefficient of variation above 1 or not): when that is
    // ≤ 0 and the slope at the start is too, the likelihood falls all the way from θ = 0 (a one-mode profile).
    if (it === 0 && c.d1 <= 0 && m2 <= 2 * m1 * m1) return exponential;
    if (c.d1 > 0) lo = s;
    else hi = s;
    const newton = c.d2 < 0 ? s - c.d1 / c.d2 : Number.NaN;
    let next: number;
    if (!Number.isNaN(lo) && !Number.isNaN(hi)) next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    else {
      const dir = c.d1 > 0 ? 1 : -1;
      const reach = (newton - s) * dir;
      next = s + dir * (reach > 0 ? Math.min(reach, 2) : 1);
      // No interior maximum: the likelihood rises toward θ = 0 (the exponential) or keeps rising.
      if (next < S_MIN) return exponential;
      if (next > S_MAX) return fromTheta(xs, k, Math.exp(S_MAX) / m1, exponential, m1);
    }
    const done = Math.abs(next - s) < 1e-13 * (1 + Math.abs(s));
    s = next;
    if (done) break;
  }
  return fromTheta(xs, k, Math.exp(s) / m1, exponential, m1);
}

/** The fit at θ, or the exponential when that has the higher likelihood (ℓ₀ = −k(ln mean + 1)). */
function fromTheta(xs: ArrayLike<number>, k: number, theta: number, exponential: GpdFit, m1: number): GpdFit {
  const { xi } = sums(xs, k, theta);
  const sigma = xi / theta;
  const ll = -Math.log(sigma) - (1 + xi);
  const ll0 = -Math.log(m1) - 1;
  return ll > ll0 && sigma > 0 ? { xi, sigma } : exponential;
}
