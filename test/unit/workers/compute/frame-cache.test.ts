import 'fake-indexeddb/auto';
import fc from 'fast-check';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { BASE_INTERVAL_SECONDS, type BaseInterval, type Timeframe } from '../../../../src/core/intervals';
import { ALL_CONTRACTS, type ContractFilter } from '../../../../src/core/market';
import type { BarFrame } from '../../../../src/core/series';
import { openLiqLabDb } from '../../../../src/storage/open';
import type { LiqLabDB } from '../../../../src/storage/schema';
import { chunkSpan, writeCandles, writeLiqRange } from '../../../../src/storage/series-repo';
import type { ChangedSpan, FrameRequest, FrameResult } from '../../../../src/workers/compute/api';
import { FrameCache } from '../../../../src/workers/compute/frame-cache';
import { loadFrame } from '../../../../src/workers/compute/frame-loader';
import { testMarket } from '../../../helpers/markets';

const market = testMarket;

// AGG is an imported aggregate: its candles fill bars the reference market lacks, and come first when chosen alone.
const MARKETS = [
  market('A1', 'A', 'STABLE'),
  market('A2', 'A', 'COIN'),
  market('B1', 'B', 'STABLE'),
  { ...market('AGG', 'I', 'STABLE'), covers: ['A', 'B'] },
];
const SYMBOLS = MARKETS.map((m) => m.symbol);
const REFERENCE = 'A1';
const INTERVALS: BaseInterval[] = ['1min', '5min', '1hour', 'daily'];
// A chunk boundary of every interval (a write may re-round group sums anywhere in its chunk, so a frame is re-read
// from the start of the chunk a change lands in). The 1min history starts 40 minutes before its second chunk.
const BASE = 5 * chunkSpan('daily');
const SEED_AT: Partial<Record<BaseInterval, number>> = { '1min': BASE + chunkSpan('1min') - 40 * 60 };

// Two views also read the per-exchange breakdown, which the splice must keep equal to a full read as well.
const VIEWS: Array<{ timeframe: Timeframe; filter: ContractFilter; byExchange?: boolean }> = [
  { timeframe: '5m', filter: ALL_CONTRACTS },
  { timeframe: '1h', filter: ALL_CONTRACTS, byExchange: true },
  { timeframe: '1h', filter: { kind: 'exchange', exchange: 'A' } },
  { timeframe: '1D', filter: { kind: 'margin', margin: 'STABLE' }, byExchange: true },
  { timeframe: '15m', filter: { kind: 'exchange', exchange: 'I' } },
];

const request = (v: (typeof VIEWS)[number]): FrameRequest => ({
  source: 'archive',
  asset: 'BTC',
  timeframe: v.timeframe,
  filter: v.filter,
  referenceSymbol: REFERENCE,
  byExchange: v.byExchange === true,
});

/** A write as the fetch engine or an import makes it: where it lands relative to what is stored. */
const writeArb = fc.record({
  kind: fc.constantFrom('liq' as const, 'liq' as const, 'candle' as const),
  interval: fc.constantFrom(...INTERVALS),
  symbols: fc.subarray(SYMBOLS, { minLength: 1 }),
  /** tail: the open bucket and past it (overlap re-writes stored buckets); back: backfill before the start; gap: after a hole; inside: overwrite stored history. */
  where: fc.constantFrom('tail', 'tail', 'tail', 'back', 'gap', 'inside'),
  overlap: fc.integer({ min: 0, max: 3 }),
  len: fc.integer({ min: 1, max: 30 }),
  hole: fc.integer({ min: 1, max: 20 }),
  seed: fc.integer({ min: 1, max: 1 << 30 }),
  /** Fraction of buckets the API leaves out (stored as 0 for liquidations, NaN for candles). */
  omit: fc.constantFrom(0, 0.3, 0.9),
  /** Notices that carry only [from, to) (an import's, or an old page's). */
  bare: fc.boolean(),
  /** The fetch loop's notices: from the earliest value the write changed, group recomputes included. */
  exact: fc.boolean(),
  /** Refresh after this write, or let changes pile up. */
  refresh: fc.boolean(),
});
type Write = typeof writeArb extends fc.Arbitrary<infer W> ? W : never;
const SEED_WRITE: Write = {
  kind: 'liq',
  interval: '1min',
  symbols: SYMBOLS,
  where: 'tail',
  overlap: 0,
  len: 80,
  hole: 1,
  seed: 7,
  omit: 0.3,
  bare: false,
  exact: false,
  refresh: true,
};

function value(seed: number, t: number, k: number): number {
  const x = Math.sin(seed * 12.9898 + t * 78.233 + k) * 43758.5453;
  return Math.round((x - Math.floor(x)) * 1e6) / 97; // non-integers, so sums round
}

async function coverageOf(
  db: IDBPDatabase<LiqLabDB>,
  kind: 'liq' | 'candle',
  symbol: string,
  iv: BaseInterval,
) {
  return (await db.get('coverage', [kind, symbol, iv]))?.ranges ?? [];
}

/** Applies one write and returns the notice the writer would post. */
async function apply(db: IDBPDatabase<LiqLabDB>, w: Write, at = BASE): Promise<ChangedSpan> {
  const step = BASE_INTERVAL_SECONDS[w.interval];
  const symbols = w.symbols;
  const ranges = await coverageOf(db, w.kind, symbols[0] ?? REFERENCE, w.interval);
  const first = ranges[0]?.[0];
  const last = ranges[ranges.length - 1]?.[1];
  const base = Math.floor(at / step) * step;
  let from: number;
  if (first === undefined || last === undefined) from = base;
  else if (w.where === 'tail') from = Math.max(first, last - w.overlap * step);
  else if (w.where === 'back') from = first - w.len * step;
  else if (w.where === 'gap') from = last + w.hole * step;
  else from = first + (w.seed % Math.max(1, (last - first) / step)) * step;
  const to = from + w.len * step;
  let revisedFrom = from;
  for (const symbol of symbols) {
    const pts: Array<{ t: number; l: number; s: number }> = [];
    for (let t = from; t < to; t += step) {
      if (value(w.seed, t, 9) / 10309 < w.omit) continue;
      pts.push({ t, l: value(w.seed, t, symbol.length), s: value(w.seed + 1, t, 3) });
    }
    if (w.kind === 'liq')
      revisedFrom = Math.min(
        revisedFrom,
        (await writeLiqRange(db, symbol, w.interval, from, to, pts)).revisedFrom,
      );
    else
      await writeCandles(
        db,
        symbol,
        w.interval,
        from,
        to,
        pts.map((p) => ({ t: p.t, o: p.l, h: p.l + p.s, l: p.l - p.s, c: p.l + 1, v: p.s })),
      );
  }
  if (w.bare) return { from, to };
  if (w.exact) return { from: revisedFrom, to, kind: w.kind, interval: w.interval, symbols, exact: true };
  return { from, to, kind: w.kind, interval: w.interval, symbols };
}

/** Bit-for-bit equality of two frame results. */
function expectSame(got: FrameResult, want: FrameResult, label: string): void {
  expect(got.notice, label).toBe(want.notice);
  expect(got.historyStart, label).toBe(want.historyStart);
  expect(got.frame.start, label).toBe(want.frame.start);
  expect(got.frame.step, label).toBe(want.frame.step);
  const bytes = (a: Float64Array | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const arrays = (f: BarFrame) => [
    f.liq.long,
    f.liq.short,
    f.liq.covered,
    f.candles.open,
    f.candles.high,
    f.candles.low,
    f.candles.close,
    f.candles.volume,
    ...(f.exchanges ?? []).flatMap((e) => [e.liq.long, e.liq.short, e.liq.covered]),
  ];
  expect(
    got.frame.exchanges?.map((e) => e.exchange),
    label,
  ).toEqual(want.frame.exchanges?.map((e) => e.exchange));
  const g = arrays(got.frame);
  const w = arrays(want.frame);
  for (let k = 0; k < g.length; k++) {
    const a = g[k];
    const b = w[k];
    if (!a || !b) throw new Error('missing array');
    expect(a.length, `${label} array ${k}`).toBe(b.length);
    if (!bytes(a).equals(bytes(b))) {
      const i = a.findIndex((x, j) => !Object.is(x, b[j]));
      throw new Error(
        `${label} array ${k} differs at bar ${i} of ${a.length}: ${a[i]} vs ${b[i]} (start ${got.frame.start})`,
      );
    }
  }
}

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
