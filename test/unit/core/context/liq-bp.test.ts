import { describe, expect, it } from 'vitest';
import {
  bpOfOi,
  bpScoreNotice,
  completeOpens,
  firstOiDifference,
  formatBp,
  liqBpOfOi,
  SCORE_UNITS_PER_BP,
  scoreValue,
} from '../../../../src/core/context/liq-bp';
import { emptyLiq } from '../../../../src/core/series';
import { unixSeconds } from '../../../../src/core/time';

const T = 1_717_200_000; // 2024-06-01 00:00 UTC

/** Four hourly bars: $1M/$3M, a gap, $0/$0, $5M/$0. */
function liq() {
  const l = emptyLiq(unixSeconds(T), 3600, 4);
  l.long.set([1e6, 0, 0, 5e6]);
  l.short.set([3e6, 0, 0, 0]);
  l.covered.set([1, 0, 1, 1]);
  return l;
}

describe('liquidations in bp of open interest', () => {
  it('divides by the open interest at the bar open, × 10,000', () => {
    expect(bpOfOi(5e6, 1e10)).toBe(5);
    expect(bpOfOi(0, 1e10)).toBe(0);
    const l = liq();
    const oi = new Float64Array([2e9, 2e9, 4e9, 5e9]);
    expect([...liqBpOfOi(l, oi, 'long')]).toEqual([5, Number.NaN, 0, 10]);
    expect([...liqBpOfOi(l, oi, 'short')]).toEqual([15, Number.NaN, 0, 0]);
    expect([...liqBpOfOi(l, oi, 'total')]).toEqual([20, Number.NaN, 0, 10]);
  });

  it('missing open interest is a gap, never zero: no bp value, whatever the liquidations', () => {
    expect(bpOfOi(5e6, Number.NaN)).toBeNaN();
    // Zero or negative open interest is not a denominator either (a broken feed, not a market).
    expect(bpOfOi(5e6, 0)).toBeNaN();
    expect(bpOfOi(5e6, -1)).toBeNaN();
    const oi = new Float64Array([Number.NaN, 2e9, 0, 5e9]);
    expect([...liqBpOfOi(liq(), oi, 'total')]).toEqual([Number.NaN, Number.NaN, Number.NaN, 10]);
    expect(() => liqBpOfOi(liq(), new Float64Array(3), 'long')).toThrow(/3 bars, liquidations 4/);
  });

  it('the engine scores USD, or bp in its units, NaN where the basis cannot score the bar', () => {
    const l = liq();
    const oi = new Float64Array([2e9, 2e9, Number.NaN, 5e9]);
    expect(scoreValue(l, 'long', 0, 'usd', oi)).toBe(1e6);
    expect(scoreValue(l, 'long', 0, 'usd', undefined)).toBe(1e6);
    expect(scoreValue(l, 'long', 1, 'usd', oi)).toBeNaN();
    expect(scoreValue(l, 'long', 0, 'bpOfOi', oi)).toBe(5 * SCORE_UNITS_PER_BP);
    expect(scoreValue(l, 'long', 2, 'bpOfOi', oi)).toBeNaN(); // $0 is known, the open interest is not
    expect(scoreValue(l, 'long', 0, 'bpOfOi', undefined)).toBeNaN(); // no open interest read: nothing scored
  });

  it('says when open interest begins later than liquidations, or is not stored', () => {
    const l = liq();
    expect(bpScoreNotice(l, new Float64Array([1e9, 1e9, 1e9, 1e9]))).toBeNull();
    // A gap inside the open interest is a gap in the score, as liquidation gaps are: not announced.
    expect(bpScoreNotice(l, new Float64Array([1e9, Number.NaN, Number.NaN, 1e9]))).toBeNull();
    expect(bpScoreNotice(l, new Float64Array([Number.NaN, Number.NaN, 1e9, 1e9]))).toBe(
      'Spikes are scored in bp of open interest, which begins 2024-06-01 02:00 UTC: earlier bars are not scored.',
    );
    expect(bpScoreNotice(l, new Float64Array(4).fill(Number.NaN))).toMatch(
      /no open interest is stored for these contracts here: no bar is scored/,
    );
    expect(bpScoreNotice(emptyLiq(unixSeconds(T), 3600, 4), new Float64Array(4))).toBeNull();
  });

  it('finds where a score must be recomputed: the first bar whose open interest changed', () => {
    const a = new Float64Array([1, Number.NaN, 3]);
    expect(firstOiDifference(a, a.slice())).toBe(3);
    expect(firstOiDifference(a, new Float64Array([1, 2, 3]))).toBe(1); // a gap filled later
    expect(firstOiDifference(a, new Float64Array([1, Number.NaN, 3, 4]))).toBe(3); // grown only
    expect(firstOiDifference(undefined, a)).toBe(0);
    expect(firstOiDifference(undefined, undefined)).toBe(Number.POSITIVE_INFINITY);
  });

  it('formats bp with three significant figures, grouped above 1,000, a dash when unknown', () => {
    expect(formatBp(12.345)).toBe('12.3 bp');
    expect(formatBp(0.5123)).toBe('0.512 bp');
    expect(formatBp(345.6)).toBe('346 bp');
    expect(formatBp(12345.6)).toBe('12,346 bp');
    expect(formatBp(Number.NaN)).toBe('–');
  });

  it('divides only by sums no contract is missing from: a skipped bucket is a gap, a delisting costs a day', () => {
    // 6-hour buckets: the day before is four buckets.
    const count = Uint16Array.from([1, 2, 2, 1, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0, 1]);
    const open = Float64Array.from(count, (c, i) => (c === 0 ? Number.NaN : 1e9 * c + i));
    const got = completeOpens({ step: 21_600, open, count });
    const known = Array.from(got, (v) => (Number.isNaN(v) ? '.' : 'x')).join('');
    // A contract joins at bucket 1 (fine), skips bucket 3 (gap), stops for good at 8 (a day of gaps, then the
    // single contract is the norm); bucket 14 has no value at all; after it, one contract is again complete.
    expect(known).toBe('xxx.xxxx....xx.x');
    expect(got[4]).toBe(open[4]);
  });
});
