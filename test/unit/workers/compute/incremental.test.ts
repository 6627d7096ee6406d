import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Analysis, type AnalysisParams, analyze } from '../../../../src/core/analysis/analyzer';
import { DEFAULT_LEVEL_PARAMS } from '../../../../src/core/levels/params';
import { DEFAULT_OSCILLATOR_PARAMS } from '../../../../src/core/oscillators/params';
import type { BarFrame } from '../../../../src/core/series';
import { IncrementalAnalysis } from '../../../../src/workers/compute/incremental';
import { prefix, randomFrame, randomOi, SHORT_STREAM_SPIKES } from '../../../helpers/random-frame';

const P: AnalysisParams = {
  spikes: SHORT_STREAM_SPIKES,
  levels: DEFAULT_LEVEL_PARAMS,
  oscillators: { ...DEFAULT_OSCILLATOR_PARAMS, cldWindowSeconds: 6 * 3600, edgeWindowSeconds: 12 * 3600 },
};

/** The same analysis as plain arrays, so two results compare with toEqual. */
function plain(a: Analysis) {
  const s = (x: Analysis['detection']['long']) => ({
    z: Array.from(x.z),
    pEmp: Array.from(x.pEmp),
    pTail: Array.from(x.pTail),
    pBg: Array.from(x.pBg),
    spike: Array.from(x.spike),
  });
  const d = a.detection;
  return {
    long: s(d.long),
    short: s(d.short),
    total: s(d.total),
    heat: Array.from(d.heatZ),
    events: d.events,
    levels: a.levels,
    touches: a.touches,
    osc: Object.fromEntries(Object.entries(a.oscillators).map(([k, v]) => [k, Array.from(v)])),
  };
}

/** `frame` with bars [from, to) revised: bigger liquidations and a lower low, as a late correction would bring. */
function revise(frame: BarFrame, from: number, to: number): BarFrame {
  const f = prefix(frame, frame.liq.long.length);
  for (let i = from; i < to; i++) {
    f.liq.long[i] = (f.liq.long[i] ?? 0) * 4 + 5e5;
    f.liq.short[i] = (f.liq.short[i] ?? 0) * 0.5;
    f.candles.low[i] = (f.candles.low[i] ?? 0) * 0.99;
  }
  return f;
}

describe('IncrementalAnalysis', () => {
  it('a frame that grows (newest bar revised, bars appended) is analysed incrementally and equals a full pass', () => {
    const frame = randomFrame(300, 5);
    const inc = new IncrementalAnalysis('1h', P);
    for (let k = 200; k <= 300; k += 7) {
      inc.update(revise(prefix(frame, k), k - 1, k), k - 1);
      inc.update(prefix(frame, k), k - 1);
    }
    const got = inc.update(frame, 297);
    expect(inc.restarts).toBe(1);
    expect(plain(got)).toEqual(plain(analyze(frame, '1h', P)));
  });

  it('a revision of bars before the newest restarts and equals a full pass of the revised frame', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 150, max: 320 }),
        fc.integer({ min: 2, max: 8 }),
        (seed, n, depth) => {
          const frame = randomFrame(n, seed);
          const inc = new IncrementalAnalysis('1h', P);
          inc.update(prefix(frame, n - 3));
          // Three bars appended and `depth` older bars corrected in the same refresh.
          const revised = revise(frame, n - 3 - depth, n - 3);
          const got = inc.update(revised, n - 3 - depth);
          expect(inc.restarts).toBe(2);
          expect(plain(got)).toEqual(plain(analyze(revised, '1h', P)));
        },
      ),
      { numRuns: 8 },
    );
  });

  it('without the restart the Analyzer would keep the old values of the corrected bars', () => {
    const frame = randomFrame(240, 17);
    const stale = new IncrementalAnalysis('1h', P);
    stale.update(prefix(frame, 237));
    const revised = revise(frame, 230, 237);
    // Claiming only the newest bar changed is the Analyzer's old contract: it is wrong for this frame.
    const wrong = stale.update(revised, 236);
    expect(stale.restarts).toBe(1);
    expect(plain(wrong)).not.toEqual(plain(analyze(revised, '1h', P)));
  });

  it('with the auto window, a frame long enough to change the window is analysed afresh, as a reload would', () => {
    const auto: AnalysisParams = {
      ...P,
      spikes: { ...P.spikes, windowBars: 0, windowDays: 7, minWindowBars: 20 },
    };
    const frame = randomFrame(420, 3);
    const inc = new IncrementalAnalysis('1h', auto);
    inc.update(prefix(frame, 300)); // W = 100 (a third of the bars)
    inc.update(prefix(frame, 301), 300); // still 100
    expect(inc.restarts).toBe(1);
    const got = inc.update(frame, 301); // W = 140
    expect(inc.restarts).toBe(2);
    expect(plain(got)).toEqual(plain(analyze(frame, '1h', auto)));
  });

  it('scored in bp of open interest: open interest arriving late for older bars restarts, and equals a full pass', () => {
    const bp: AnalysisParams = { ...P, spikes: { ...P.spikes, scoreBasis: 'bpOfOi' } };
    const frame = randomFrame(300, 9);
    const oi = randomOi(300, 10);
    const at = (k: number, known: number) => {
      // Bars from `known` on have no open interest yet (it is fetched less often than liquidations).
      const f = prefix({ ...frame, oiOpen: oi }, k);
      f.oiOpen?.fill(Number.NaN, known);
      return f;
    };
    const inc = new IncrementalAnalysis('1h', bp);
    inc.update(at(250, 250), 249);
    // The newest bar's open interest arrives: analysed incrementally, no restart.
    inc.update(at(251, 250), 250);
    inc.update(at(251, 251), 250);
    expect(inc.restarts).toBe(1);
    // Five bars at once, then the open interest of the last three of them: bars before the newest changed.
    inc.update(at(256, 253), 255);
    const got = inc.update(at(256, 256), 256);
    expect(inc.restarts).toBe(2);
    expect(plain(got)).toEqual(plain(analyze(at(256, 256), '1h', bp)));
    // A frame without open interest after one with it is a different score: afresh.
    inc.update(prefix(frame, 257), 256);
    expect(inc.restarts).toBe(3);
  });
});
