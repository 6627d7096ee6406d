/** The study recovers a planted post-event drift and stays quiet (at nominal size) on null series. */
import { describe, expect, it } from 'vitest';
import {
  defaultStudyParams,
  eventsCsv,
  runStudy,
  SUMMARY_CSV_HEADER,
  type SummaryRow,
  summaryCsv,
} from '../../../../src/core/study';
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
  }, 30_000);

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
  }, 60_000);
});

describe('level respect and CSV', () => {
  it('compares real touches with placebo levels from the injected builder, with Wilson CIs', () => {
    const input = syntheticStudyInput({ bars: 4000, step: 900, seed: 5 });
    // A toy builder: one level per event, one bounce touch for real levels, one break for placebo ones.
    const build = (events: typeof input.events, outcome: 'bounce' | 'break') => ({
      levels: events.map((e) => ({
        id: e.id,
        kind: 'support' as const,
        price: 1,
        zoneLow: 1,
        zoneHigh: 1,
        strength: 1,
        createdTime: e.firstTime,
        lastEventTime: e.firstTime,
        sourceEventIds: [e.id],
        touches: 1,
        bounces: 0,
        state: 'active' as const,
        brokenTime: null,
      })),
      touches: events.map((e) => ({
        id: `${e.id}:t`,
        levelId: e.id,
        time: e.firstTime,
        touchNumber: 1,
        price: 1,
        outcome,
      })),
    });
    const real = build([...input.events], 'bounce');
    const res = runStudy(
      { ...input, ...real, buildLevels: (ev) => build(ev, 'break') },
      defaultStudyParams('15m', { placeboDraws: 20, bootstrap: 20, levelDraws: 3 }),
    );
    const all = res.respect.find((r) => r.by === 'all');
    expect(all?.real.rate).toBe(1);
    expect(all?.placebo.breaks).toBe(3 * input.events.length);
    expect(all?.real.lo ?? 1).toBeLessThan(1);
    const first = res.respect.find((r) => r.by === 'touch' && r.label === '1');
    expect(first?.real.bounces).toBe(input.events.length);
  });

  it('writes documented CSV headers', () => {
    const input = syntheticStudyInput({ bars: 2000, step: 900, seed: 2 });
    const res = runStudy(input, defaultStudyParams('15m', { placeboDraws: 10, bootstrap: 10 }));
    const ev = eventsCsv(res).split('\n');
    expect(ev[0]).toBe(
      'event_id,time_utc,side,bucket,class,max_z,usd,bp_of_oi,p0,atr,outcome,signed_bp_h1,signed_bp_h2,signed_bp_h4,signed_bp_h8,signed_bp_h16,signed_bp_h32,signed_bp_h96,signed_bp_h192,mfe_atr_h1,mfe_atr_h2,mfe_atr_h4,mfe_atr_h8,mfe_atr_h16,mfe_atr_h32,mfe_atr_h96,mfe_atr_h192,mae_atr_h1,mae_atr_h2,mae_atr_h4,mae_atr_h8,mae_atr_h16,mae_atr_h32,mae_atr_h96,mae_atr_h192',
    );
    expect(ev.length - 2).toBe(res.events.length);
    const sm = summaryCsv(res).split('\n');
    expect(sm[0]).toBe(SUMMARY_CSV_HEADER.join(','));
    expect(sm.length - 2).toBe(res.summary.length);
  });
});
