import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binCandles, binLiq } from '../../../src/core/binning';
import { emptyCandles, emptyLiq } from '../../../src/core/series';
import { unixSeconds } from '../../../src/core/time';

describe('binning', () => {
  it('sums liquidations into aligned coarser bars and keeps totals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 23 }),
        (values, offset) => {
          const src = emptyLiq(unixSeconds(offset * 3600), 3600, values.length);
          values.forEach((v, i) => {
            src.long[i] = v;
            src.short[i] = v / 2;
            src.covered[i] = 1;
          });
          const out = binLiq(src, 4 * 3600);
          expect(out.start % (4 * 3600)).toBe(0);
          const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
          expect(sum(out.long)).toBeCloseTo(sum(src.long), 0);
          expect(sum(out.short)).toBeCloseTo(sum(src.short), 0);
        },
      ),
    );
  });

  it('counts the open last bar as covered by the buckets so far, and only that bar', () => {
    // 1m buckets from 06:00 to 06:17 (coverage ends at 06:18, inside the 06:00 hour), all known.
    const src = emptyLiq(unixSeconds(6 * 3600), 60, 18);
    for (let i = 0; i < 18; i++) {
      src.long[i] = 1_000;
      src.covered[i] = 1;
    }
    const openEnd = 6 * 3600 + 18 * 60;
    const out = binLiq(src, 3600, openEnd);
    expect(Array.from(out.covered)).toEqual([1]);
    expect(out.long[0]).toBe(18_000);
    // Without the coverage end the hour is partly known, so it is a gap, as before.
    expect(Array.from(binLiq(src, 3600).covered)).toEqual([0]);
    // A hole before the coverage end leaves it a gap: the sum so far would not be the sum so far.
    src.covered[5] = 0;
    expect(Array.from(binLiq(src, 3600, openEnd).covered)).toEqual([0]);
  });

  it('does not count an earlier partly known bar as open', () => {
    // Two hours of 1m buckets, the first hour missing its last 10 minutes, coverage ending inside the second.
    const src = emptyLiq(unixSeconds(0), 60, 90);
    for (let i = 0; i < 90; i++) src.covered[i] = i < 50 || i >= 60 ? 1 : 0;
    const out = binLiq(src, 3600, 90 * 60);
    expect(Array.from(out.covered)).toEqual([0, 1]);
    // A coverage end on the bar boundary leaves nothing open: the last bar is judged whole.
    expect(Array.from(binLiq(src, 3600, 120 * 60).covered)).toEqual([0, 0]);
  });

  it('marks a coarse bar covered only when all its source buckets are', () => {
    const src = emptyLiq(unixSeconds(0), 3600, 8);
    src.covered.fill(1);
    src.covered[5] = 0;
    expect(Array.from(binLiq(src, 4 * 3600).covered)).toEqual([1, 0]);
  });

  it('aggregates candles: first open, max high, min low, last close, summed volume', () => {
    const src = emptyCandles(unixSeconds(0), 3600, 4);
    [
      [10, 12, 9, 11, 1],
      [11, 15, 10, 14, 2],
      [14, 14, 8, 9, 3],
      [9, 10, 9, 10, 4],
    ].forEach(([o, h, l, c, v], i) => {
      src.open[i] = o ?? 0;
      src.high[i] = h ?? 0;
      src.low[i] = l ?? 0;
      src.close[i] = c ?? 0;
      src.volume[i] = v ?? 0;
    });
    const out = binCandles(src, 4 * 3600);
    expect([out.open[0], out.high[0], out.low[0], out.close[0], out.volume[0]]).toEqual([10, 15, 8, 10, 10]);
  });

  it('refuses a target that the source step does not divide', () => {
    expect(() => binLiq(emptyLiq(unixSeconds(0), 3600, 2), 5400)).toThrow(/cannot bin/);
  });
});
