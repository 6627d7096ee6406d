import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitGpdMle, fitGpdPwmSorted, gpdSf } from '../../../../src/core/stats/gpd';

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
    it(`PWM is near the MLE (true ξ ${c.trueXi})`, () => {
      const fit = fitGpdPwmSorted([...c.x].sort((a, b) => a - b));
      expect(Math.abs(fit.xi - c.xi)).toBeLessThan(0.12);
    });
  }
  it('tail p = (N_u/n)·sf is exact for a given fit (1e-12)', () => {
    const t = fx.tail;
    t.excess.forEach((e, i) => {
      const p = (t.nU / t.n) * gpdSf(e, { xi: t.xi, sigma: t.sigma });
      expect(Math.abs(p - (t.p[i] ?? 0))).toBeLessThan(1e-12);
    });
  });
});
