import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/analysis/analyzer';
import { liqBpOfOi, SCORE_UNITS_PER_BP } from '../../../../src/core/context/liq-bp';
import { DEFAULT_LEVEL_PARAMS } from '../../../../src/core/levels/params';
import { DEFAULT_OSCILLATOR_PARAMS } from '../../../../src/core/oscillators/params';
import type { BarFrame } from '../../../../src/core/series';
import { detectSpikes } from '../../../../src/core/spikes/detect';
import { resolveWindow, type SpikeParams } from '../../../../src/core/spikes/params';
import { prefix, randomFrame, randomOi, rng, SHORT_STREAM_SPIKES } from '../../../helpers/random-frame';

const USD: SpikeParams = SHORT_STREAM_SPIKES;
const BP: SpikeParams = { ...SHORT_STREAM_SPIKES, scoreBasis: 'bpOfOi' };

/** `frame` with `oiOpen` attached (copies, so the caller's frame is untouched). */
function withOi(frame: BarFrame, oiOpen: Float64Array): BarFrame {
  return { ...prefix(frame, frame.liq.long.length), oiOpen };
}

/** The frame whose liquidations are `frame`'s in bp of `oi` (engine units); NaN bp makes the bar a gap. */
function bpFrame(frame: BarFrame, oi: Float64Array): BarFrame {
  const f = prefix(frame, frame.liq.long.length);
  const long = liqBpOfOi(frame.liq, oi, 'long');
  const short = liqBpOfOi(frame.liq, oi, 'short');
  for (let i = 0; i < long.length; i++) {
    const known = Number.isFinite(long[i] ?? Number.NaN);
    f.liq.long[i] = known ? (long[i] ?? 0) * SCORE_UNITS_PER_BP : 0;
    f.liq.short[i] = known ? (short[i] ?? 0) * SCORE_UNITS_PER_BP : 0;
    f.liq.covered[i] = known ? 1 : 0;
  }
  return f;
}

const near = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? Number.NaN;
    const y = b[i] ?? Number.NaN;
    if (Number.isNaN(y)) expect(x, `bar ${i}`).toBeNaN();
    else
      expect(Math.abs(x - y), `bar ${i}: ${x} vs ${y}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(y)));
  }
};

describe('spikes scored in bp of open interest', () => {
  it('is the USD analysis of the bp series: every score, flag and event, with USD kept for the event size', () => {
    // Open interest that trends up fourfold with noise, begins late and has gaps.
    const frame = randomFrame(900, 11);
    const oi = randomOi(900, 12, 60, 0.01).map((v, i) => v * (1 + (3 * i) / 900));
    const got = detectSpikes(withOi(frame, oi), '1h', BP);
    const want = detectSpikes(bpFrame(frame, oi), '1h', USD);
    for (const side of ['long', 'short', 'total'] as const) {
      near(got[side].z, want[side].z, 1e-9);
      near(got[side].pEmp, want[side].pEmp, 1e-12);
      near(got[side].pTail, want[side].pTail, 1e-6);
      near(got[side].pBg, want[side].pBg, 1e-6);
      expect(Array.from(got[side].spike)).toEqual(Array.from(want[side].spike));
    }
    near(got.heatZ, want.heatZ, 1e-9);
    expect(got.events.length).toBeGreaterThan(3);
    expect(got.events.map((e) => [e.id, e.eventClass])).toEqual(want.events.map((e) => [e.id, e.eventClass]));
    for (const e of got.events) {
      // The event still says what was liquidated in USD, and how large that was in bp of open interest.
      expect(e.scoreBasis).toBe('bpOfOi');
      const last = e.lastIndex ?? e.firstIndex;
      let usd = 0;
      let bp = 0;
      for (let i = e.firstIndex; i <= last; i++) {
        if (!frame.liq.covered[i]) continue;
        usd += frame.liq[e.side][i] ?? 0;
        bp += ((frame.liq[e.side][i] ?? 0) / (oi[i] ?? Number.NaN)) * 1e4;
      }
      expect(e.usd).toBe(usd);
      expect(e.bpOfOi).toBeCloseTo(bp, 9);
    }
    // Scoring the trend away changes which bars are events.
    const usdEvents = detectSpikes(frame, '1h', USD).events.map((e) => e.id);
    expect(got.events.map((e) => e.id)).not.toEqual(usdEvents);
  });

  it('a bar without open interest is a gap: not scored, never a spike, however large its USD', () => {
    const frame = randomFrame(600, 21);
    const burst = 500;
    frame.liq.long[burst] = 5e8; // a long flush the USD score cannot miss
    frame.liq.covered[burst] = 1;
    const oi = randomOi(600, 22, 0, 0);
    expect(detectSpikes(frame, '1h', USD).long.spike[burst]).not.toBe(0);
    const scored = detectSpikes(withOi(frame, oi), '1h', BP);
    expect(scored.long.spike[burst]).not.toBe(0);
    oi[burst] = Number.NaN;
    const gap = detectSpikes(withOi(frame, oi), '1h', BP);
    expect(gap.long.z[burst]).toBeNaN();
    expect(gap.long.pEmp[burst]).toBeNaN();
    expect(gap.long.spike[burst]).toBe(0);
    expect(gap.events.some((e) => e.firstIndex <= burst && burst <= (e.lastIndex ?? e.firstIndex))).toBe(
      false,
    );
    // With no open interest read at all, nothing is scored (not "zero open interest", not USD).
    const none = detectSpikes(frame, '1h', BP);
    expect(Array.from(none.long.z).every(Number.isNaN)).toBe(true);
    expect(none.events).toEqual([]);
  });

  it('open interest that begins later than the liquidations: scores start once its window has min periods', () => {
    const frame = randomFrame(700, 31);
    const begins = 250;
    frame.liq.long[100] = 5e8; // before the open interest: flagged in USD, invisible to the bp score
    const oi = randomOi(700, 32, begins, 0);
    const d = detectSpikes(withOi(frame, oi), '1h', BP);
    const w = resolveWindow(BP, 3600, 700);
    const minPeriods = Math.ceil(w * BP.minPeriodsFraction);
    const firstZ = Array.from(d.long.z).findIndex(Number.isFinite);
    // Bars before it are gaps: the window fills only from the first bar with open interest.
    expect(firstZ).toBe(begins + minPeriods);
    expect(Array.from(d.long.spike.subarray(0, begins)).every((s) => s === 0)).toBe(true);
    expect(d.events.every((e) => e.firstIndex >= begins)).toBe(true);
    expect(detectSpikes(frame, '1h', USD).long.spike[100]).not.toBe(0);
  });

  it('the USD floor stays in USD: a bar large in bp but below the floor in USD is not a spike', () => {
    const frame = randomFrame(600, 41);
    const oi = randomOi(600, 42, 0, 0);
    const bar = 550;
    frame.liq.long[bar] = 1.5e6;
    oi[bar] = 1e7; // $1.5M against $10M of open interest: 1,500 bp, far beyond any bar before
    expect(detectSpikes(withOi(frame, oi), '1h', BP).long.spike[bar]).not.toBe(0);
    const floored = detectSpikes(withOi(frame, oi), '1h', { ...BP, usdFloor: 2e6 });
    expect(floored.long.spike[bar]).toBe(0);
  });

  it('levels and oscillators follow: levels from the bp events, oscillators stay on USD', () => {
    const frame = randomFrame(800, 51);
    const r = rng(52);
    const oi = randomOi(800, 53).map((v) => v * (0.5 + r()));
    const params = { levels: DEFAULT_LEVEL_PARAMS, oscillators: DEFAULT_OSCILLATOR_PARAMS };
    const bp = analyze(withOi(frame, oi), '1h', { ...params, spikes: BP });
    const usd = analyze(frame, '1h', { ...params, spikes: USD });
    const sources = new Set(bp.levels.flatMap((l) => l.sourceEventIds));
    const ids = new Set(bp.detection.events.map((e) => e.id));
    expect(sources.size).toBeGreaterThan(0);
    for (const s of sources) expect(ids.has(s)).toBe(true);
    expect(Array.from(bp.oscillators.lsi)).toEqual(Array.from(usd.oscillators.lsi));
    expect(Array.from(bp.oscillators.edgeLong)).toEqual(Array.from(usd.oscillators.edgeLong));
  });
});
