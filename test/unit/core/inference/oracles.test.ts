/** Inference library against scipy 1.10 / statsmodels 0.13.5 fixtures (scripts/oracles/study_oracles.py). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  betaInc,
  binomialTest,
  hacMeanT,
  lgamma,
  normalCdf,
  normalQuantile,
  oneSampleT,
  studentTCdf,
  wilson,
} from '../../../../src/core/inference';

interface Fixture {
  normal_cdf: [number, number][];
  normal_quantile: [number, number][];
  t_cdf: [number, number, number][];
  betainc: [number, number, number, number][];
  lgamma: [number, number][];
  ttest_1samp: { x: number[]; t: number; p: number }[];
  wilson: [number, number, number, number, number][];
  bh: { p: number[]; q: number[] }[];
  binomtest: [number, number, number, number][];
  hac: { y: number[]; maxlags: number; t: number; p: number }[];
}

const fx = JSON.parse(
  readFileSync(new URL('../../../fixtures/study-inference.json', import.meta.url), 'utf8'),
) as Fixture;

/**
 * The cases of one fixture table, refusing an empty or truncated table: a loop over nothing would pass without
 * checking anything (each table holds at least five cases, see scripts/oracles/study_oracles.py).
 */
function rows<K extends keyof Fixture>(name: K): Fixture[K] {
  const table = fx[name];
  expect(Array.isArray(table) ? table.length : 0, `fixture table ${String(name)}`).toBeGreaterThanOrEqual(5);
  return table;
}

function close(actual: number, expected: number, rel = 1e-9, abs = 1e-300): void {
  const tol = Math.max(abs, rel * Math.abs(expected));
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe('distributions vs scipy', () => {
  it('normal cdf, including far tails (relative)', () => {
    for (const [x, p] of rows('normal_cdf')) close(normalCdf(x), p);
  });
  it('normal quantile', () => {
    for (const [p, x] of rows('normal_quantile')) close(normalQuantile(p), x);
  });
  it('Student t cdf', () => {
    for (const [t, df, p] of rows('t_cdf')) close(studentTCdf(t, df), p, 1e-9, 1e-15);
  });
  it('incomplete beta and log-gamma', () => {
    for (const [x, a, b, v] of rows('betainc')) close(betaInc(x, a, b), v, 1e-9, 1e-15);
    for (const [x, v] of rows('lgamma')) close(lgamma(x), v, 1e-12, 1e-14);
  });
});

describe('tests vs scipy/statsmodels', () => {
  it('one-sample t (ttest_1samp)', () => {
    for (const c of rows('ttest_1samp')) {
      const r = oneSampleT(c.x);
      close(r.statistic, c.t);
      close(r.p, c.p);
    }
  });
  it('Wilson interval (proportion_confint wilson)', () => {
    for (const [k, n, alpha, lo, hi] of rows('wilson')) {
      const r = wilson(k, n, alpha);
      close(r.lo, lo, 1e-9, 1e-15);
      close(r.hi, hi, 1e-9, 1e-15);
    }
  });
  it('Benjamini–Hochberg (multipletests fdr_bh)', () => {
    for (const c of rows('bh')) {
      const q = benjaminiHochberg(c.p);
      expect(c.q.length).toBe(c.p.length);
      expect(c.q.length).toBeGreaterThan(0);
      c.q.forEach((v, i) => {
        close(q[i] ?? Number.NaN, v, 1e-12);
      });
    }
  });
  it('exact binomial test (binomtest)', () => {
    for (const [k, n, p, pv] of rows('binomtest')) close(binomialTest(k, n, p).p, pv);
  });
  it('HAC / Newey–West t of the mean (OLS HAC maxlags)', () => {
    for (const c of rows('hac')) {
      const r = hacMeanT(c.y, c.maxlags);
      close(r.statistic, c.t);
      close(r.p, c.p, 1e-8, 1e-15);
    }
  });
  it('BH keeps NaN out of the count', () => {
    const q = benjaminiHochberg([0.01, Number.NaN, 0.02]);
    expect(q[1]).toBeNaN();
    close(q[0] ?? 0, 0.02);
  });
});
