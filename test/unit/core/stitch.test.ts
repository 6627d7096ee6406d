import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binCandles, binLiq } from '../../../src/core/binning';
import { binHigherTimeframes, stitch, stitchNotice } from '../../../src/core/stitch';
import { randomFrame } from '../../helpers/random-frame';

const sum = (a: Float64Array, cov: Uint8Array) => a.reduce((s, v, i) => s + (cov[i] ? v : 0), 0);

describe('binning across timeframes', () => {
  it('preserves liquidation totals over fully covered bars (1m → 5m/15m/1h/4h)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const f = randomFrame(960, seed, 60, 1_700_006_400);
        f.liq.covered.fill(1);
        const total = sum(f.liq.long, f.liq.covered);
        const htf = binHigherTimeframes(f, ['5m', '15m', '1h', '4h']);
        for (const tf of ['5m', '15m', '1h', '4h'] as const) {
          const b = htf[tf];
          expect(b).toBeDefined();
          if (b) expect(sum(b.liq.long, new Uint8Array(b.liq.long.length).fill(1))).toBeCloseTo(total, 3);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('stitch', () => {
  it('prefers the finer source and says where each stretch comes from', () => {
    const fine = randomFrame(48, 1, 300, 1_700_006_400 + 86400); // 5m data for the last 4 h of day 2
    const coarse = randomFrame(48, 2, 3600, 1_700_006_400); // 1h data for two days
    coarse.liq.covered.fill(1);
    fine.liq.covered.fill(1);
    const s = stitch(
      [
        { label: '5min', liq: binLiq(fine.liq, 3600), candles: binCandles(fine.candles, 3600) },
        { label: '1hour', liq: coarse.liq, candles: coarse.candles },
      ],
      3600,
    );
    expect(s.frame.liq.long.length).toBe(48);
    expect(s.frame.liq.long[24]).toBeCloseTo(binLiq(fine.liq, 3600).long[0] ?? 0, 6);
    expect(s.frame.liq.long[0]).toBe(coarse.liq.long[0]);
    expect(s.historyStart).toBe(1_700_006_400);
    expect(stitchNotice('1h', s)).toMatch(/history begins .* built from 1hour data/);
  });
});
