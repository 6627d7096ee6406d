/** The study recovers a planted post-event drift and stays quiet (at nominal size) on null series. */
import { describe, expect, it } from 'vitest';
import { defaultStudyParams, runStudy, type SummaryRow } from '../../../../src/core/study';
import { syntheticStudyInput } from '../../../helpers/study-synthetic';

const row = (rows: SummaryRow[], side: 'long' | 'short', h: number) =>
  rows.find((r) => r.side === side && r.bucket === 'all' && r.eventClass === 'all' && r.horizon === h);

describe('runStudy', () => {
  it('recovers a +40 bp drift after long events within its CI, with a significant placebo p', () => {
    const input = syntheticStudyInput({ bars: 20000, step: 900, seed: 7, longDrift: 0.0005, driftBars: 8 });
    const params = defaultStudyParams('15m', { placeboDraws: 500, seed: 3 });
    const res = runStudy(input, params);
    const long8 = row(res.summary, 'long', 8);
    expect(long8).toBeDefined();
    if (!long8) return;
    expect(long8.n).toBeGreaterThan(50);
    expect(long8.ciLoBp).toBeLessThan(40);
    expect(long8.ciHiBp).toBeGreaterThan(40);
    expect(long8.placeboP).toBeLessThan(0.01);
    expect(long8.bhQ).toBeLessThan(0.05);
    expect(long8.hacT).toBeGreaterThan(3);
    expect(Math.abs(long8.placeboMeanBp)).toBeLessThan(10);
    // Short events carry no effect, so their placebo p is not small.
    const short8 = row(res.summary, 'short', 8);
    expect(short8?.placeboP ?? 0).toBeGreaterThan(0.01);
    // The CAAR curve ends near +40 bp for longs at +8 bars.
    const curve = res.caar.find((c) => c.side === 'long');
    const at8 = curve?.offsets.indexOf(8) ?? -1;
    expect(curve?.caarBp[at8] ?? 0).toBeGreaterThan(25);
    expect(curve?.bandHiBp[at8] ?? 99).toBeLessThan(25);
  });

  it('is reproducible for a seed', () => {
    const input = syntheticStudyInput({ bars: 3000, step: 900, seed: 1 });
    const params = defaultStudyParams('15m', { placeboDraws: 50, bootstrap: 50, seed: 9 });
    const a = runStudy(input, params);
    const b = runStudy(input, params);
    expect(a.summary.map((r) => r.placeboP)).toEqual(b.summary.map((r) => r.placeboP));
    expect(a.summary.map((r) => r.ciLoBp)).toEqual(b.summary.map((r) => r.ciLoBp));
  });

  it('has a near-nominal false-positive rate on null series (200 seeds)', () => {
    let rejections = 0;
    let tested = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const input = syntheticStudyInput({ bars: 2500, step: 900, seed: 1000 + seed, eventEvery: 60 });
      const params = defaultStudyParams('15m', {
        horizons: [4],
        placeboDraws: 99,
        caarDraws: 0,
        bootstrap: 10,
        seed,
        levelDraws: 0,
      });
      const r = row(runStudy(input, params).summary, 'long', 4);
      if (!r || r.n < 5) continue;
      tested++;
      if (r.placeboP <= 0.05) rejections++;
    }
    const rate = rejections / tested;
    expect(tested).toBeGreaterThan(180);
    expect(rate).toBeGreaterThan(0.01);
    expect(rate).toBeLessThan(0.1);
  });
});
