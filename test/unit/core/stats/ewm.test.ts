import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alphaFromHalfLife, ewmSeries } from '../../../../src/core/stats/ewm';

const fx = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/compute-ewm.json'), 'utf8')) as {
  x: number[];
  cases: Array<{ alpha: number; mean: number[]; var: number[] }>;
};

describe('EW mean/variance vs pandas ewm(adjust=False), var(bias=True)', () => {
  for (const c of fx.cases) {
    it(`alpha ${c.alpha.toFixed(4)}`, () => {
      const { mean, variance } = ewmSeries(fx.x, c.alpha);
      c.mean.forEach((m, i) => {
        expect(Math.abs((mean[i] ?? 0) - m)).toBeLessThan(1e-9 * (1 + Math.abs(m)));
      });
      c.var.forEach((v, i) => {
        expect(Math.abs((variance[i] ?? 0) - v)).toBeLessThan(1e-9 * (1 + Math.abs(v)));
      });
    });
  }
  it('alpha from half-life: half the weight after h steps', () => {
    expect((1 - alphaFromHalfLife(12)) ** 12).toBeCloseTo(0.5, 12);
  });
});
