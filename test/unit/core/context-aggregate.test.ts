import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { levelChange, resampleLevel, sumFinite, weightedMean } from '../../../src/core/context/aggregate';

type Col = Array<number | null>;
const fx = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/context-aggregate.json'), 'utf8')) as {
  start: number;
  step: number;
  oiOpen: Col[];
  oiClose: Col[];
  funding: Col[];
  sumOpen: Col;
  sumClose: Col;
  count: number[];
  weightedFunding: Col;
  change: Col;
  hourly: { open: Col; close: Col; count: number[] };
};

const arr = (c: Col) => Float64Array.from(c, (v) => (v === null ? Number.NaN : v));
const n = fx.sumClose.length;

/** Relative 1e-12 of the magnitude (sums of up to five values near 1e9), NaN exactly where pandas has NaN. */
function expectClose(got: ArrayLike<number>, want: Col, scale: number): void {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => {
    const g = got[i] ?? Number.NaN;
    if (w === null) expect(g, `bucket ${i}`).toBeNaN();
    else expect(Math.abs(g - w), `bucket ${i}`).toBeLessThanOrEqual(1e-12 * scale);
  });
}

describe('OI and funding aggregation vs pandas (scripts/oracles/context_oracle.py)', () => {
  const closes = fx.oiClose.map(arr);
  const summed = sumFinite(closes, n);
  const opens = sumFinite(
    fx.oiOpen.map((o, k) =>
      arr(o).map((v, i) => (Number.isNaN(closes[k]?.[i] ?? Number.NaN) ? Number.NaN : v)),
    ),
    n,
  );
  const level = { start: fx.start, step: fx.step, open: opens.sum, close: summed.sum, count: summed.count };

  it('sums OI in USD over the contracts with a value, with their count; no value is NaN', () => {
    expectClose(summed.sum, fx.sumClose, 3e10);
    expectClose(opens.sum, fx.sumOpen, 3e10);
    expect(Array.from(summed.count)).toEqual(fx.count);
  });

  it('weights funding by OI over the contracts that have both', () => {
    expectClose(weightedMean(fx.funding.map(arr), closes, n), fx.weightedFunding, 1);
  });

  it('changes per bar only where the same contracts are summed', () => {
    expectClose(levelChange(level), fx.change, 3e10);
  });

  it('puts 5-minute OI on hourly bars: first open, last close', () => {
    const h = resampleLevel(level, fx.start, 3600, fx.hourly.close.length);
    expectClose(h.open, fx.hourly.open, 3e10);
    expectClose(h.close, fx.hourly.close, 3e10);
    expect(Array.from(h.count)).toEqual(fx.hourly.count);
  });

  it('puts 5-minute OI on 1-minute bars without looking ahead', () => {
    const m = resampleLevel(level, fx.start, 60, 10);
    // Bars inside a bucket show its open (known at its start); its last bar closes at the bucket's close.
    expect(Array.from(m.close.subarray(0, 5))).toEqual([...Array(4).fill(level.open[0]), level.close[0]]);
    expect(m.open[7]).toBe(level.open[1]);
  });
});
