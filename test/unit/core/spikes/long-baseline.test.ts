import { describe, expect, it } from 'vitest';
import { LongBaseline } from '../../../../src/core/spikes/long-baseline';
import { DEFAULT_SPIKE_PARAMS, resolveLongWindow } from '../../../../src/core/spikes/params';
import { rng } from '../../../helpers/random-frame';

const P = DEFAULT_SPIKE_PARAMS;
const HOUR = 3600;
const START = 1_704_067_200; // 2024-01-01 00:00 UTC

/**
 * Commits `bars` hourly bars from START (about 1 unit, 08:00 UTC about 10, a few huge bars in the first month)
 * and returns them; the bar scored next starts at START + bars·HOUR.
 */
function feed(lb: LongBaseline, bars: number, value?: (i: number, r: () => number) => number): number[] {
  const r = rng(5);
  const xs: number[] = [];
  for (let i = 0; i < bars; i++) {
    const x =
      value?.(i, r) ??
      (i < 30 * 24 && i % 97 === 0 ? 200 + 100 * r() : (i % 24 === 8 ? 10 : 1) * (0.5 + r()));
    xs.push(x);
    lb.commit(x);
  }
  return xs;
}

describe('LongBaseline: ordinary for its hour of day over the long window', () => {
  it('a usual 08:00 value is ordinary for the 08:00 bar, and not for the 09:00 bar', () => {
    const at08 = new LongBaseline(P, HOUR, 84);
    feed(at08, 60 * 24 + 8);
    expect(at08.ordinaryForHour(10, START + (60 * 24 + 8) * HOUR)).toBe(true);
    const at09 = new LongBaseline(P, HOUR, 84);
    feed(at09, 60 * 24 + 9);
    expect(at09.ordinaryForHour(10, START + (60 * 24 + 9) * HOUR)).toBe(false);
  });

  it('counts exactly the window’s bars at the same UTC hour (checked by a direct scan)', () => {
    const W = resolveLongWindow(P, HOUR);
    for (const days of [20, 100]) {
      const lb = new LongBaseline(P, HOUR, 84);
      const n = days * 24 + 8;
      const xs = feed(lb, n);
      const same = xs.filter((_, i) => i % 24 === 8 && i >= n - W);
      const sorted = xs.slice(Math.max(0, n - W)).sort((a, b) => a - b);
      const pos = (sorted.length - 1) * 0.99;
      const lo = Math.floor(pos);
      const q99 = (sorted[lo] ?? 0) + ((sorted[lo + 1] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
      for (const x of [6, 9, 11, 13, 14.9]) {
        const share = (1 + same.filter((v) => v >= x).length) / (same.length + 1);
        const want = x < q99 && share >= P.seasonalHourP;
        expect(lb.ordinaryForHour(x, START + n * HOUR), `${days} days, x ${x}`).toBe(want);
      }
    }
  });

  it('a bar in the top 1 % of the window is never ordinary, even at an hour where such bars are common', () => {
    const n = 40 * 24 + 8;
    // every 08:00 bar is huge (500–1,500): they make the window's top 4 %, so its top 1 % is the largest quarter
    // of them; 1,350 is about their 85th percentile, ordinary for 08:00 (15 % of 08:00 bars are as large)
    const lb = new LongBaseline(P, HOUR, 84);
    feed(lb, n, (i, r) => (i % 24 === 8 ? 1000 * (0.5 + r()) : 1 + r()));
    expect(lb.ordinaryForHour(1350, START + n * HOUR)).toBe(false);
    // when a still busier 20:00 fills the top 1 %, the same value at 08:00 is ordinary
    const busy = new LongBaseline(P, HOUR, 84);
    feed(busy, n, (i, r) => (i % 24 === 8 ? 1000 * (0.5 + r()) : i % 24 === 20 ? 5000 : 1 + r()));
    expect(busy.ordinaryForHour(1350, START + n * HOUR)).toBe(true);
  });

  it('needs a tail threshold and seasonalMinPoints same-hour bars before anything is ordinary', () => {
    const lb = new LongBaseline(P, HOUR, 84);
    feed(lb, 83, () => 1);
    expect(lb.ordinaryForHour(1, START + 83 * HOUR)).toBe(false); // no threshold yet
    lb.commit(1);
    // 84 bars = 3.5 days: 3–4 bars per hour, fewer than seasonalMinPoints (10)
    expect(lb.ordinaryForHour(0.5, START + 84 * HOUR)).toBe(false);
  });

  it('bars longer than an hour have no hour of day', () => {
    const lb = new LongBaseline(P, 4 * HOUR, 84);
    for (let i = 0; i < 600; i++) lb.commit(1 + (i % 7));
    expect(lb.ordinaryForHour(2, START)).toBe(false);
  });
});
