/**
 * Markets, views, random writes and a bit-for-bit frame comparison shared by the frame cache's property tests:
 * writes land where the fetch engine or an import puts them (tail, backfill, after a hole, inside history).
 */
import fc from 'fast-check';
import type { IDBPDatabase } from 'idb';
import { expect } from 'vitest';
import { BASE_INTERVAL_SECONDS, type BaseInterval, type Timeframe } from '../../../../src/core/intervals';
import { ALL_CONTRACTS, type ContractFilter } from '../../../../src/core/market';
import type { BarFrame } from '../../../../src/core/series';
import type { LiqLabDB } from '../../../../src/storage/schema';
import { chunkSpan, writeCandles, writeLiqRange } from '../../../../src/storage/series-repo';
import type { ChangedSpan, FrameRequest, FrameResult } from '../../../../src/workers/compute/api';
import { testMarket } from '../../../helpers/markets';

const market = testMarket;

// AGG is an imported aggregate: its candles fill bars the reference market lacks, and come first when chosen alone.
export const MARKETS = [
  market('A1', 'A', 'STABLE'),
  market('A2', 'A', 'COIN'),
  market('B1', 'B', 'STABLE'),
  { ...market('AGG', 'I', 'STABLE'), covers: ['A', 'B'] },
];
export const SYMBOLS = MARKETS.map((m) => m.symbol);
export const REFERENCE = 'A1';
export const INTERVALS: BaseInterval[] = ['1min', '5min', '1hour', 'daily'];
// A chunk boundary of every interval (a write may re-round group sums anywhere in its chunk, so a frame is re-read
// from the start of the chunk a change lands in). The 1min history starts 40 minutes before its second chunk.
export const BASE = 5 * chunkSpan('daily');
export const SEED_AT: Partial<Record<BaseInterval, number>> = { '1min': BASE + chunkSpan('1min') - 40 * 60 };

// Two views also read the per-exchange breakdown, which the splice must keep equal to a full read as well.
export const VIEWS: Array<{ timeframe: Timeframe; filter: ContractFilter; byExchange?: boolean }> = [
  { timeframe: '5m', filter: ALL_CONTRACTS },
  { timeframe: '1h', filter: ALL_CONTRACTS, byExchange: true },
  { timeframe: '1h', filter: { kind: 'exchange', exchange: 'A' } },
  { timeframe: '1D', filter: { kind: 'margin', margin: 'STABLE' }, byExchange: true },
  { timeframe: '15m', filter: { kind: 'exchange', exchange: 'I' } },
];

export const request = (v: (typeof VIEWS)[number]): FrameRequest => ({
  source: 'archive',
  asset: 'BTC',
  timeframe: v.timeframe,
  filter: v.filter,
  referenceSymbol: REFERENCE,
  byExchange: v.byExchange === true,
});

/** A write as the fetch engine or an import makes it: where it lands relative to what is stored. */
export const writeArb = fc.record({
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
export type Write = typeof writeArb extends fc.Arbitrary<infer W> ? W : never;
export const SEED_WRITE: Write = {
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

export function value(seed: number, t: number, k: number): number {
  const x = Math.sin(seed * 12.9898 + t * 78.233 + k) * 43758.5453;
  return Math.round((x - Math.floor(x)) * 1e6) / 97; // non-integers, so sums round
}

export async function coverageOf(
  db: IDBPDatabase<LiqLabDB>,
  kind: 'liq' | 'candle',
  symbol: string,
  iv: BaseInterval,
) {
  return (await db.get('coverage', [kind, symbol, iv]))?.ranges ?? [];
}

/** Applies one write and returns the notice the writer would post. */
export async function apply(db: IDBPDatabase<LiqLabDB>, w: Write, at = BASE): Promise<ChangedSpan> {
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
export function expectSame(got: FrameResult, want: FrameResult, label: string): void {
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
