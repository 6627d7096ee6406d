import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { levelChange, resampleLevel, sumFinite, weightedMean } from '../../../../src/core/context/aggregate';
import { isNotice } from '../../../../src/core/notices';
import type { BarFrame } from '../../../../src/core/series';
import { unixSeconds } from '../../../../src/core/time';
import { writeContextRange } from '../../../../src/storage/context-repo';
import { openLiqLabDb } from '../../../../src/storage/open';
import { ContextCache, contextInterval } from '../../../../src/workers/compute/context-frame';
import { testMarket } from '../../../helpers/markets';

/** A USDT perpetual. */
const market = (symbol: string, exchange: string) => testMarket(symbol, exchange, 'STABLE');

/** A frame of `n` 15-minute bars from `start` (only the grid matters to the context). */
function frame(t0: number, n: number): BarFrame {
  const start = unixSeconds(t0);
  const z = () => new Float64Array(n);
  return {
    start,
    step: 900,
    candles: { start, step: 900, open: z(), high: z(), low: z(), close: z(), volume: z() },
    liq: { start, step: 900, long: z(), short: z(), covered: new Uint8Array(n) },
  };
}

const T = 1_700_006_400; // a multiple of 3600
const ohlc = (t: number, o: number, c: number) => ({ t, o, h: Math.max(o, c), l: Math.min(o, c), c });

describe('context on the bar grid', () => {
  it('reads OI at the coarsest stored interval dividing the bar, else the finest stored', () => {
    const all = new Set(['5min', '1hour', 'daily'] as const);
    expect(contextInterval('oi', 900, all)).toBe('5min');
    expect(contextInterval('oi', 4 * 3600, all)).toBe('1hour');
    expect(contextInterval('oi', 86_400, all)).toBe('daily');
    expect(contextInterval('oi', 60, all)).toBe('5min');
    expect(contextInterval('funding', 900, new Set(['1hour', 'daily'] as const))).toBe('1hour');
    expect(contextInterval('funding', 900, new Set())).toBeNull();
  });

  it('sums OI and weights funding over the filter, keeps gaps, and re-reads only after a context change', async () => {
    const db = await openLiqLabDb(`ctx-frame-${Math.random()}`);
    for (const m of [market('A1', 'A'), market('B1', 'B')]) await db.put('markets', m);
    // 5min OI: A1 every bucket, B1 with one omitted bucket (a gap in B1 only: the sum counts one contract there).
    const a = Array.from({ length: 12 }, (_, i) => ohlc(T + i * 300, 1e9 + i * 1e6, 1e9 + (i + 1) * 1e6));
    const b = Array.from({ length: 12 }, (_, i) =>
      ohlc(T + i * 300, 5e8 - i * 1e6, 5e8 - (i + 1) * 1e6),
    ).filter((_, i) => i !== 5);
    await writeContextRange(db, 'oi', 'A1', '5min', T, T + 3600, a);
    await writeContextRange(db, 'oi', 'B1', '5min', T, T + 3600, b);
    await writeContextRange(db, 'oi', 'A1', '1hour', T, T + 3600, [ohlc(T, 1e9, 1.012e9)]);
    await writeContextRange(db, 'oi', 'B1', '1hour', T, T + 3600, [ohlc(T, 5e8, 4.88e8)]);
    await writeContextRange(db, 'funding', 'A1', '1hour', T, T + 3600, [ohlc(T, 0.01, 0.02)]);
    await writeContextRange(db, 'funding', 'B1', '1hour', T, T + 3600, [ohlc(T, -0.01, 0.04)]);

    const cache = new ContextCache('BTC', { kind: 'all' });
    const f = frame(T, 6); // four bars in the written hour, two after it
    const got = await cache.refresh(db, f, null);
    expect(got.intervals).toEqual({ oi: '5min', funding: '1hour', predicted: null });
    const col = (rows: typeof a) => {
      const out = {
        open: new Float64Array(12).fill(Number.NaN),
        close: new Float64Array(12).fill(Number.NaN),
      };
      for (const r of rows) {
        const k = (r.t - T) / 300;
        out.open[k] = r.o;
        out.close[k] = r.c;
      }
      return out;
    };
    const [ca, cb] = [col(a), col(b)];
    const closes = sumFinite([ca.close, cb.close], 12);
    const opens = sumFinite([ca.open, cb.open], 12);
    const oi = resampleLevel(
      { start: T, step: 300, open: opens.sum, close: closes.sum, count: closes.count },
      T,
      900,
      6,
    );
    expect([...got.oi]).toEqual([...oi.close]);
    expect([...got.oiChange]).toEqual([...levelChange(oi)]);
    // The bar closing on B1's gap sums one contract: neither its change nor the next bar's is a change in OI.
    expect(got.oi[1]).toBe(1e9 + 6e6);
    expect(got.oiChange[1]).toBeNaN();
    expect(got.oiChange[2]).toBeNaN();
    expect(got.oiChange[3]).toBe(0);
    expect(got.oi.slice(4).every(Number.isNaN)).toBe(true);
    // Funding inside the hour: the level known at the hour's open until its last 15-minute bar closes it.
    const fOpen = weightedMean(
      [new Float64Array([0.01]), new Float64Array([-0.01])],
      [new Float64Array([1e9]), new Float64Array([5e8])],
      1,
    )[0];
    const fClose = weightedMean(
      [new Float64Array([0.02]), new Float64Array([0.04])],
      [new Float64Array([1.012e9]), new Float64Array([4.88e8])],
      1,
    )[0];
    expect([...got.funding.slice(0, 4)]).toEqual([fOpen, fOpen, fOpen, fClose]);
    expect(got.predicted.every(Number.isNaN)).toBe(true);

    // A liquidation-only change on the same grid reuses the series; a context notice reads them again.
    await writeContextRange(db, 'funding', 'A1', '1hour', T, T + 3600, [ohlc(T, 0.5, 0.5)]);
    const reused = await cache.refresh(db, f, [{ from: T, to: T + 60, kind: 'liq', interval: '1min' }]);
    expect(reused.funding[0]).toBe(fOpen);
    const fresh = await cache.refresh(db, f, [{ from: T, to: T + 3600, kind: 'funding', interval: '1hour' }]);
    expect(fresh.funding[0]).not.toBe(fOpen);
    db.close();
  });

  it('announces context writes with a notice of their own that the validator accepts', () => {
    const n = {
      type: 'context-changed',
      db: 'archive',
      kind: 'oi',
      interval: '5min',
      symbols: ['A1'],
      from: 0,
      to: 300,
    };
    expect(isNotice(n)).toBe(true);
    expect(isNotice({ ...n, kind: 'liq' })).toBe(false);
    // data-changed keeps its two kinds, so its readers never see open interest.
    expect(isNotice({ ...n, type: 'data-changed' })).toBe(false);
  });
});
