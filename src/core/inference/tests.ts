/** Hypothesis tests and intervals the study reports; each mirrors a scipy/statsmodels call named in its doc. */
import { normalQuantile, normalSf, studentTTwoSided } from './distributions';
import type { Rng } from './prng';
import { lgamma } from './special';

/** Result of a test: statistic, p-value and the sample size it rests on. */
export interface TestResult {
  statistic: number;
  p: number;
  n: number;
}

/** Arithmetic mean, NaN when empty. */
export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] ?? 0;
  return s / xs.length;
}

/** Median (even n: mean of the two middle values, as numpy), NaN when empty. */
export function median(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n === 0) return Number.NaN;
  const s = Float64Array.from(xs).sort();
  const m = n >> 1;
  return n % 2 ? (s[m] ?? Number.NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** One-sample t test against `mu`, two-sided, ddof 1: scipy.stats.ttest_1samp. */
export function oneSampleT(xs: ArrayLike<number>, mu = 0): TestResult {
  const n = xs.length;
  const m = mean(xs);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((xs[i] ?? 0) - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const t = (m - mu) / (sd / Math.sqrt(n));
  return { statistic: t, p: n > 1 ? studentTTwoSided(t, n - 1) : Number.NaN, n };
}

/** A confidence interval. */
export interface Interval {
  lo: number;
  hi: number;
}

/** Wilson score interval: statsmodels proportion_confint(count, nobs, alpha, method='wilson'). */
export function wilson(count: number, nobs: number, alpha = 0.05): Interval {
  if (nobs <= 0) return { lo: Number.NaN, hi: Number.NaN };
  const z = normalQuantile(1 - alpha / 2);
  const z2 = z * z;
  const p = count / nobs;
  const denom = 1 + z2 / nobs;
  const centre = (p + z2 / (2 * nobs)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / nobs + z2 / (4 * nobs * nobs))) / denom;
  return { lo: centre - half, hi: centre + half };
}

/** Benjamini–Hochberg adjusted q-values; NaN inputs stay NaN and are not counted (multipletests 'fdr_bh'). */
export function benjaminiHochberg(ps: readonly number[]): number[] {
  const idx = ps.map((p, i) => [p, i] as const).filter(([p]) => !Number.isNaN(p));
  idx.sort((a, b) => a[0] - b[0]);
  const m = idx.length;
  const out = ps.map(() => Number.NaN);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const entry = idx[k];
    if (!entry) continue;
    running = Math.min(running, (entry[0] * m) / (k + 1));
    out[entry[1]] = running;
  }
  return out;
}

function binomLogPmf(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (p === 1) return k === n ? 0 : Number.NEGATIVE_INFINITY;
  return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** Exact two-sided binomial test: scipy.stats.binomtest(k, n, p).pvalue (outcomes no likelier than k). */
export function binomialTest(k: number, n: number, p: number): TestResult {
  if (n <= 0) return { statistic: Number.NaN, p: Number.NaN, n };
  const d = binomLogPmf(k, n, p);
  // scipy's relative tolerance 1 + 1e-7, so outcomes tied with k in floating point count as extreme.
  const cut = d + Math.log1p(1e-7);
  let total = 0;
  for (let y = 0; y <= n; y++) {
    const lp = binomLogPmf(y, n, p);
    if (lp <= cut) total += Math.exp(lp);
  }
  return { statistic: k / n, p: Math.min(1, total), n };
}

/**
 * Newey–West (Bartlett) HAC t of the mean: statsmodels OLS(y, ones).fit(cov_type='HAC', cov_kwds={'maxlags': L}),
 * no small-sample correction, normal p-value (statsmodels' default for HAC).
 */
export function hacMeanT(ys: ArrayLike<number>, maxLags: number): TestResult {
  const n = ys.length;
  if (n < 2) return { statistic: Number.NaN, p: Number.NaN, n };
  const m = mean(ys);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) e[i] = (ys[i] ?? 0) - m;
  let s = 0;
  for (let i = 0; i < n; i++) s += (e[i] ?? 0) * (e[i] ?? 0);
  const lags = Math.min(Math.max(0, Math.floor(maxLags)), n - 1);
  for (let l = 1; l <= lags; l++) {
    let g = 0;
    for (let i = l; i < n; i++) g += (e[i] ?? 0) * (e[i - l] ?? 0);
    s += 2 * (1 - l / (lags + 1)) * g;
  }
  const se = Math.sqrt(s) / n;
  const t = m / se;
  return { statistic: t, p: 2 * normalSf(Math.abs(t)), n };
}

/** Percentile bootstrap CI of the mean over i.i.d. resamples drawn from `rng`. */
export function bootstrapMeanCi(xs: ArrayLike<number>, rng: Rng, resamples = 1000, alpha = 0.05): Interval {
  const n = xs.length;
  if (n === 0) return { lo: Number.NaN, hi: Number.NaN };
  const v = Float64Array.from(xs);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += v[rng.int(n)] as number;
    means[b] = s / n;
  }
  means.sort();
  return { lo: quantileSorted(means, alpha / 2), hi: quantileSorted(means, 1 - alpha / 2) };
}

/** Type-7 (numpy 'linear') quantile of an ascending array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[Math.min(n - 1, lo + 1)] ?? a;
  return a + (h - lo) * (b - a);
}
