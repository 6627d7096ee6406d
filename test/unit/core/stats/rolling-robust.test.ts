import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RollingRobust,
  rollingMadLeft,
  rollingMedianLeft,
  rollingQuantileLeft,
} from '../../../../src/core/stats/rolling-robust';

interface Case {
  window: number;
  minPeriods: number;
  median: Array<number | null>;
  mad: Array<number | null>;
  q90: Array<number | null>;
  q25: Array<number | null>;
  pEmp: Array<number | null>;
}
const fx = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/compute-rolling.json'), 'utf8')) as {
  x: Array<number | null>;
  cases: Case[];
};
const x = fx.x.map((v) => v ?? Number.NaN);

function expectClose(actual: Float64Array, expected: Array<number | null>) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i] ?? Number.NaN;
    if (e === null) expect(a, `index ${i}`).toBeNaN();
    else expect(Math.abs(a - e), `index ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(e)));
  });
}

describe('rolling statistics vs pandas closed="left" (fixture from scripts/oracles/compute_oracles.py)', () => {
  for (const c of fx.cases) {
    it(`window ${c.window} (${c.window % 2 ? 'odd' : 'even'}), min_periods ${c.minPeriods}`, () => {
      expectClose(rollingMedianLeft(x, c.window, c.minPeriods), c.median);
      expectClose(rollingMadLeft(x, c.window, c.minPeriods), c.mad);
      expectClose(rollingQuantileLeft(x, c.window, 0.9, c.minPeriods), c.q90);
      expectClose(rollingQuantileLeft(x, c.window, 0.25, c.minPeriods), c.q25);
    });
    it(`empirical p (1 + #past ≥ x)/(n + 1), window ${c.window}`, () => {
      const r = new RollingRobust(c.window, c.minPeriods, 0);
      const p = new Float64Array(x.length);
      x.forEach((v, i) => {
        p[i] = Number.isNaN(v) ? Number.NaN : r.peek(v).pEmp;
        r.push(v);
      });
      expectClose(p, c.pEmp);
    });
  }
});

describe('RollingRobust scale', () => {
  it('falls back to 1.2533·mean|x−m| when the MAD is 0, then floors at σ_min', () => {
    const r = new RollingRobust(5, 5, 0.1);
    for (const v of [1, 1, 1, 1, 3]) r.push(v);
    // median 1, MAD 0, mean abs dev 0.4 → σ = 1.2533·0.4
    expect(r.baseline().sigma).toBeCloseTo(1.2533141373155001 * 0.4, 12);
    const flat = new RollingRobust(3, 3, 0.1);
    for (const v of [2, 2, 2]) flat.push(v);
    expect(flat.baseline().sigma).toBe(0.1);
  });
});
