import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BarFrame } from '../../../../src/core/series';
import { openLiqLabDb } from '../../../../src/storage/open';
import type { ChangedSpan } from '../../../../src/workers/compute/api';
import { FrameCache } from '../../../../src/workers/compute/frame-cache';
import { loadFrame } from '../../../../src/workers/compute/frame-loader';
import {
  apply,
  expectSame,
  INTERVALS,
  MARKETS,
  REFERENCE,
  request,
  SEED_AT,
  SEED_WRITE,
  SYMBOLS,
  VIEWS,
  writeArb,
} from './frame-fixtures';

/** The first bar two frames differ on, the slow way. */
function firstDifferent(prev: BarFrame, next: BarFrame): number {
  if (prev.liq.long.length === 0 || prev.start !== next.start || prev.step !== next.step) return 0;
  const m = Math.min(prev.liq.long.length, next.liq.long.length);
  const f = (x: BarFrame, i: number) => [
    x.liq.long[i],
    x.liq.short[i],
    x.liq.covered[i],
    x.candles.open[i],
    x.candles.high[i],
    x.candles.low[i],
    x.candles.close[i],
    x.candles.volume[i],
  ];
  for (let i = 0; i < m; i++) if (!f(prev, i).every((v, k) => Object.is(v, f(next, i)[k]))) return i;
  return m;
}

describe('FrameCache.refresh', () => {
  it('equals a fresh loadFrame bit for bit after any sequence of writes', async () => {
    const totals = { full: 0, tail: 0, unchanged: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(writeArb, { minLength: 1, maxLength: 16 }), async (writes) => {
        const db = await openLiqLabDb(`frame-cache-${Math.random()}`);
        for (const m of MARKETS) await db.put('markets', m);
        // Stored history to start from (most refreshes in use follow a write to a series that already exists).
        for (const interval of INTERVALS)
          for (const kind of ['liq', 'candle'] as const)
            await apply(
              db,
              { ...SEED_WRITE, kind, interval, symbols: kind === 'liq' ? SYMBOLS.slice(0, 2) : [REFERENCE] },
              SEED_AT[interval],
            );
        const caches = VIEWS.map((v) => new FrameCache(async () => db, request(v)));
        const pending: ChangedSpan[][] = caches.map(() => []);
        const last: Array<BarFrame | null> = caches.map(() => null);
        try {
          for (const [step, w] of writes.entries()) {
            const notice = await apply(db, w);
            for (const p of pending) p.push(notice);
            if (!w.refresh && step < writes.length - 1) continue;
            for (const [k, cache] of caches.entries()) {
              const got = await cache.refresh(pending[k] ?? []);
              pending[k] = [];
              const label = `${VIEWS[k]?.timeframe} ${JSON.stringify(VIEWS[k]?.filter)} after write ${step}`;
              expectSame(got, await loadFrame(db, cache.request), label);
              const prev = last[k];
              if (prev) expect(got.revisedFrom, label).toBe(firstDifferent(prev, got.frame));
              last[k] = got.frame;
            }
          }
        } finally {
          for (const c of caches)
            for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += c.stats[key];
          db.close();
        }
      }),
      { numRuns: 30 },
    );
    // The property must exercise the splice, not only full reads.
    expect(totals.tail).toBeGreaterThan(50);
    expect(totals.unchanged).toBeGreaterThan(0);
  }, 300_000);
});

describe('FrameCache on live writes', () => {
  it('re-reads only from the chunk a live write lands in, and nothing for notices the frame cannot show', async () => {
    const db = await openLiqLabDb(`frame-cache-live-${Math.random()}`);
    for (const m of MARKETS) await db.put('markets', m);
    for (const interval of INTERVALS)
      for (const kind of ['liq', 'candle'] as const)
        await apply(
          db,
          { ...SEED_WRITE, kind, interval, symbols: kind === 'liq' ? SYMBOLS : [REFERENCE] },
          SEED_AT[interval],
        );
    const hourly = new FrameCache(
      async () => db,
      request({ timeframe: '1h', filter: { kind: 'exchange', exchange: 'A' }, byExchange: true }),
    );
    const first = await hourly.refresh(null);
    expect(first.frame.exchanges?.map((e) => e.exchange)).toEqual(['A']);
    const n = first.frame.liq.long.length;
    // The newest minute of A1 grows and the next one opens, as the live poll writes them.
    const tail = { ...SEED_WRITE, interval: '1min' as const, symbols: ['A1'], overlap: 1, len: 2, seed: 99 };
    const live = await hourly.refresh([await apply(db, tail)]);
    expect(hourly.stats).toEqual({ full: 1, tail: 1, unchanged: 0 });
    expectSame(live, await loadFrame(db, hourly.request), 'after a live write');
    expect(live.revisedFrom).toBeGreaterThanOrEqual(n - 1);
    // Another exchange's contract, a candle of a market that is not the reference, daily data on a 1h chart.
    const others = [
      await apply(db, { ...tail, symbols: ['B1'] }),
      await apply(db, { ...tail, kind: 'candle', symbols: ['A2'] }),
      await apply(db, { ...tail, interval: 'daily', symbols: ['A1'] }),
    ];
    const same = await hourly.refresh(others);
    expect(hourly.stats).toEqual({ full: 1, tail: 1, unchanged: 1 });
    expect(same.frame).toBe(live.frame);
    expect(same.revisedFrom).toBe(live.frame.liq.long.length);
    expectSame(same, await loadFrame(db, hourly.request), 'after writes it cannot show');
    db.close();
  });
});
