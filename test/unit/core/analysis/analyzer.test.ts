import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnalysisParams, Analyzer, analyze } from '../../../../src/core/analysis/analyzer';
import { DEFAULT_LEVEL_PARAMS } from '../../../../src/core/levels/params';
import { DEFAULT_OSCILLATOR_PARAMS } from '../../../../src/core/oscillators/params';
import { prefix, randomFrame, SHORT_STREAM_SPIKES } from '../../../helpers/random-frame';

const P: AnalysisParams = {
  spikes: SHORT_STREAM_SPIKES,
  levels: DEFAULT_LEVEL_PARAMS,
  oscillators: { ...DEFAULT_OSCILLATOR_PARAMS, cldWindowSeconds: 6 * 3600, edgeWindowSeconds: 12 * 3600 },
};

describe('Analyzer', () => {
  it('live updates equal a full pass: scores, events, levels, touches, oscillators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 80, max: 400 }), (seed, n) => {
        const frame = randomFrame(n, seed);
        const full = analyze(frame, '1h', P);
        const a = new Analyzer('1h', P, 3600, 48);
        for (let k = 1; k <= n; k++) {
          const half = prefix(frame, k);
          half.candles.low[k - 1] = (half.candles.low[k - 1] ?? 0) * 1.001;
          a.update(half);
          a.update(prefix(frame, k));
        }
        const inc = a.result();
        expect(inc.detection.events).toEqual(full.detection.events);
        expect(inc.levels).toEqual(full.levels);
        expect(inc.touches).toEqual(full.touches);
        for (const k of ['lsi', 'cldDay', 'cldZ', 'edgeLong', 'edgeShort'] as const)
          expect(Array.from(inc.oscillators[k])).toEqual(Array.from(full.oscillators[k]));
      }),
      { numRuns: 6 },
    );
    // O(n²) prefix copies on a shared 2-core machine: allow more than the 5 s default
  }, 60_000);

  it('builds levels from the events of a long random stream', () => {
    const r = analyze(randomFrame(3000, 11), '1h', P);
    expect(r.levels.length).toBeGreaterThan(0);
    for (const l of r.levels) expect(l.zoneLow).toBeLessThan(l.zoneHigh);
  });
});
