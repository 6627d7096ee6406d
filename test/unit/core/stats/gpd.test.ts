import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitGpdMle, fitGpdTail, gpdSf } from '../../../../src/core/stats/gpd';

const fx = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/compute-gpd.json'), 'utf8')) as {
  cases: Array<{ x: number[]; xi: number; sigma: number; probe: number[]; sf: number[]; trueXi: number }>;
  tail: { nU: number; n: number; xi: number; sigma: number; excess: number[]; p: number[] };
};

describe('GPD vs scipy.stats.genpareto', () => {
  for (const c of fx.cases) {
    it(`MLE fit matches genpareto.fit(floc=0) within 1e-3 (true ξ ${c.trueXi}, n ${c.x.length})`, () => {
      const fit = fitGpdMle(c.x);
      expect(Math.abs(fit.xi - c.xi)).toBeLessThan(1e-3);
      expect(Math.abs(fit.sigma - c.sigma) / c.sigma).toBeLessThan(1e-3);
      c.probe.forEach((y, i) => {
        const expected = c.sf[i] ?? 0;
        expect(Math.abs(gpdSf(y, fit) - expected)).toBeLessThan(1e-3 * Math.max(expected, 1e-3));
      });
    });
    it(`the ξ ≥ 0 fit equals the MLE when scipy's shape is positive, the exponential otherwise (true ξ ${c.trueXi})`, () => {
      const fit = fitGpdTail(c.x);
      if (c.xi >= 0) {
        expect(Math.abs(fit.xi - c.xi)).toBeLessThan(1e-3);
        expect(Math.abs(fit.sigma / c.sigma - 1)).toBeLessThan(1e-3);
      } else {
        const mean = c.x.reduce((a, b) => a + b, 0) / c.x.length;
        expect(fit).toEqual({ xi: 0, sigma: mean });
      }
    });
  }
  it('the ξ ≥ 0 fit agrees with the grid-search MLE on simulated samples of 10–300 excesses', () => {
    let seed = 1;
    const r = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let t = 0; t < 400; t++) {
      const k = 10 + Math.floor(r() * 290);
      const xi = r() * 1.6 - 0.4;
      const sigma = Math.exp(r() * 20 - 5);
      const xs = Array.from({ length: k }, () => (sigma / xi) * ((1 - r()) ** -xi - 1));
      const fast = fitGpdTail(xs);
      const grid = fitGpdMle(xs);
      if (grid.xi >= 0) {
        expect(Math.abs(fast.xi - grid.xi)).toBeLessThan(1e-5);
        expect(Math.abs(fast.sigma / grid.sigma - 1)).toBeLessThan(1e-5);
      } else expect(fast.xi).toBe(0);
    }
  });
  it('tail p = (N_u/n)·sf is exact for a given fit (1e-12)', () => {
    const t = fx.tail;
    t.excess.forEach((e, i) => {
      const p = (t.nU / t.n) * gpdSf(e, { xi: t.xi, sigma: t.sigma });
      expect(Math.abs(p - (t.p[i] ?? 0))).toBeLessThan(1e-12);
    });
  });
});
