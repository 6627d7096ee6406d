import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitGpdTail, gpdSf } from '../../../../src/core/stats/gpd';
import { MIN_PEAKS, SlidingSpot, type SlidingSpotParams } from '../../../../src/core/stats/spot';
import { rng } from '../../../helpers/random-frame';

/** numpy's default (type 7) quantile of a sorted array. */
function quantile7(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const a = sorted[i] ?? Number.NaN;
  const frac = pos - i;
  return frac === 0 ? a : a + ((sorted[i + 1] ?? Number.NaN) - a) * frac;
}

/** The same tail recomputed from scratch at every step: the definition SlidingSpot must reproduce. */
class BruteSpot {
  private readonly xs: number[] = [];
  u = Number.NaN;
  constructor(readonly p: SlidingSpotParams) {}
  window(): number[] {
    return this.xs.slice(Math.max(0, this.xs.length - this.p.window));
  }
  sorted(): number[] {
    return this.window()
      .filter((v) => !Number.isNaN(v))
      .sort((a, b) => a - b);
  }
  /** Runs-declustered peaks over u in the window, without the last cluster while a next value could join it. */
  peaks(): number[] {
    const w = this.window();
    const peaks: number[] = [];
    let lastIdx = Number.NEGATIVE_INFINITY;
    w.forEach((v, i) => {
      if (!(v > this.u)) return;
      if (i - lastIdx - 1 <= this.p.runGap && peaks.length > 0)
        peaks[peaks.length - 1] = Math.max(peaks[peaks.length - 1] ?? 0, v);
      else peaks.push(v);
      lastIdx = i;
    });
    // the next value would sit at window index w.length
    if (peaks.length > 0 && w.length - lastIdx - 1 <= this.p.runGap) peaks.pop();
    return peaks.map((v) => v - this.u);
  }
  peek(x: number): number {
    if (!(x > this.u)) return Number.NaN;
    const peaks = this.peaks();
    if (peaks.length < MIN_PEAKS) return Number.NaN;
    const fit = fitGpdTail(peaks);
    return (peaks.length / this.sorted().length) * gpdSf(x - this.u, fit);
  }
  push(x: number): void {
    this.xs.push(x);
    const s = this.sorted();
    if (
      s.length >= this.p.minPeriods &&
      (Number.isNaN(this.u) || this.xs.length % this.p.recalibrateEvery === 0)
    ) {
      const level = Math.max(0, Math.min(this.p.level, 1 - this.p.minExcess / s.length));
      this.u = quantile7(s, level);
    }
  }
}

/** Bursty heavy-tailed values with gaps, ties (zeros) and a level shift half-way. */
function stream(n: number, seed: number): number[] {
  const r = rng(seed);
  const out: number[] = [];
  let heat = 0;
  for (let i = 0; i < n; i++) {
    heat = heat * 0.6 + (r() < 0.02 ? 1 : 0);
    const scale = i > n / 2 ? 0.2 : 1;
    const v =
      r() < 0.01 ? Number.NaN : r() < 0.1 ? 0 : scale * 1e4 * (1 + 20 * heat) * (1 / (1 - r())) ** 0.8;
    out.push(v);
  }
  return out;
}

describe('SlidingSpot (sliding-window POT tail)', () => {
  it('equals the from-scratch definition at every step: threshold, peaks, tail p and the top quantile', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 30, max: 200 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 0, max: 3 }),
        (seed, window, every, runGap) => {
          const params: SlidingSpotParams = {
            window,
            level: 0.9,
            minExcess: 8,
            runGap,
            recalibrateEvery: every,
            minPeriods: Math.ceil(window / 2),
            topQuantile: 0.99,
          };
          const fast = new SlidingSpot(params);
          const brute = new BruteSpot(params);
          for (const x of stream(3 * window + 50, seed)) {
            expect(Object.is(fast.peek(x), brute.peek(x))).toBe(true);
            fast.push(x);
            brute.push(x);
            expect(Object.is(fast.threshold, brute.u)).toBe(true);
            if (Number.isNaN(brute.u)) continue;
            expect(fast.peakExcesses()).toEqual(brute.peaks());
            expect(fast.quantile(0.99)).toBe(quantile7(brute.sorted(), 0.99));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives no tail p before minPeriods values, NaN at or below u, and less than the peak rate above the peaks', () => {
    const s = new SlidingSpot({
      window: 200,
      level: 0.9,
      minExcess: 5,
      runGap: 0,
      recalibrateEvery: 10,
      minPeriods: 100,
      topQuantile: 0.99,
    });
    const xs = stream(200, 3).map((v) => (Number.isNaN(v) ? 1 : v));
    xs.slice(0, 99).forEach((x) => {
      s.push(x);
    });
    expect(s.threshold).toBeNaN();
    expect(s.peek(1e12)).toBeNaN();
    xs.slice(99).forEach((x) => {
      s.push(x);
    });
    expect(s.threshold).toBeGreaterThan(0);
    expect(s.peakCount).toBeGreaterThanOrEqual(MIN_PEAKS);
    expect(s.peek(s.threshold)).toBeNaN();
    const rate = s.peakCount / s.count;
    const biggest = Math.max(...s.peakExcesses()) + s.threshold;
    expect(s.peek(biggest * 10)).toBeLessThan(s.peek(biggest));
    expect(s.peek(biggest)).toBeLessThan(rate);
  });
});
