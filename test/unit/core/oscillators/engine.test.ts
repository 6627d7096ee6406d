import { describe, expect, it } from 'vitest';
import { emptyBar, OscillatorEngine } from '../../../../src/core/oscillators/engine';
import { randomFrame } from '../../../helpers/random-frame';

describe('OscillatorEngine', () => {
  const f = randomFrame(200, 3);
  const e = new OscillatorEngine(
    { lsiBars: 12, cldWindowSeconds: 6 * 3600, edgeWindowSeconds: 4 * 3600 },
    3600,
    48,
    24,
  );
  const out = Array.from({ length: 200 }, (_, i) => {
    const t = f.start + i * f.step;
    const v = e.peekBar(f.liq, f.candles, t, i, emptyBar());
    e.commitBar(f.liq, f.candles, t, i);
    return v;
  });

  it('LSI is a bounded ratio of EMAs', () => {
    for (const v of out) expect(Math.abs(v.lsi)).toBeLessThanOrEqual(1);
  });

  it('CLD restarts at 00:00 UTC', () => {
    const i = out.findIndex((_, k) => k > 0 && (f.start + k * 3600) % 86400 === 0);
    const cov = f.liq.covered[i] === 1;
    const own = cov ? (f.liq.short[i] ?? 0) - (f.liq.long[i] ?? 0) : 0;
    expect(out[i]?.cldDay).toBeCloseTo(own, 6);
  });

  it('EdgeLine is the USD-weighted typical price of the window', () => {
    const i = 50;
    let num = 0;
    let den = 0;
    for (let k = i - 3; k <= i; k++) {
      const w = f.liq.covered[k] ? (f.liq.long[k] ?? 0) : 0;
      num += (((f.candles.high[k] ?? 0) + (f.candles.low[k] ?? 0) + (f.candles.close[k] ?? 0)) / 3) * w;
      den += w;
    }
    expect(out[i]?.edgeLong).toBeCloseTo(num / den, 6);
  });
});
