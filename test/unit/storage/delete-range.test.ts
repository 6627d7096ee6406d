import 'fake-indexeddb/auto';
import fc from 'fast-check';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { aggregateMarket } from '../../../src/core/csv/names';
import { countStored, type DeleteSelection, deleteStored } from '../../../src/storage/delete-range';
import { groupsOf } from '../../../src/storage/liq-groups';
import { openLiqLabDb } from '../../../src/storage/open';
import { CHUNK_SLOTS, type LiqChunk, type LiqLabDB } from '../../../src/storage/schema';
import { readCandles, readLiqSum, writeCandles, writeLiqRange } from '../../../src/storage/series-repo';
import { loadFrame } from '../../../src/workers/compute/frame-loader';
import { testMarket } from '../../helpers/markets';

const STEP = 300; // 5min: one chunk is 14.2 days, so a month of data spans three chunks
/** 2024-06-01T00:00:00Z. */
const T0 = 1_717_200_000;
const N = 30 * 288; // 30 days of 5-minute buckets
const DAY = 86_400;

const market = testMarket;

const AGG = 'CSV_AGG_TEST';
const MARKETS = [
  market('BTCUSDT_PERP.3', '3', 'STABLE'),
  market('BTCUSDT_PERP.A', 'A', 'STABLE'),
  market('BTCUSD_PERP.A', 'A', 'COIN'),
  aggregateMarket(AGG, ['A', '3'], 'BTC'),
];
/** Each contract's own span (buckets from T0), so coverage differs between contracts. */
const SPANS: Record<string, [number, number]> = {
  'BTCUSDT_PERP.3': [0, N],
  'BTCUSDT_PERP.A': [200, N - 500],
  'BTCUSD_PERP.A': [0, 4000],
  [AGG]: [3000, N],
};

/** Deterministic values with full mantissas (so a delta update would leave residues an exact check catches). */
function value(k: number, i: number): number {
  const x = Math.sin(k * 7919 + i * 104_729) * 1e7;
  return i % 7 === 0 ? 0 : Math.abs(x) + 0.123456789;
}

async function seeded(name: string): Promise<IDBPDatabase<LiqLabDB>> {
  const db = await openLiqLabDb(`${name}-${Math.random()}`);
  for (const m of MARKETS) await db.put('markets', m);
  // In symbol order, one write each: the group sums start out exactly member-order sums.
  for (const [k, m] of [...MARKETS].sort((a, b) => (a.symbol < b.symbol ? -1 : 1)).entries()) {
    const [a, b] = SPANS[m.symbol] ?? [0, 0];
    const pts = Array.from({ length: b - a }, (_, j) => ({
      t: T0 + (a + j) * STEP,
      l: value(k, a + j),
      s: value(k + 10, a + j) / 3,
    }));
    await writeLiqRange(db, m.symbol, '5min', T0 + a * STEP, T0 + b * STEP, pts);
  }
  const [a, b] = SPANS[AGG] ?? [0, 0];
  await writeCandles(
    db,
    AGG,
    '5min',
    T0 + a * STEP,
    T0 + b * STEP,
    Array.from({ length: b - a }, (_, j) => ({ t: T0 + (a + j) * STEP, o: 1, h: 2, l: 0.5, c: 1.5, v: 3 })),
  );
  return db;
}

/** Every group chunk equals the member-order sum of its members' chunks exactly; members = contracts with data. */
async function expectGroupsExact(db: IDBPDatabase<LiqLabDB>): Promise<void> {
  const coverage = await db.getAll('coverage');
  const markets = new Map((await db.getAll('markets')).map((m) => [m.symbol, m]));
  const expected = new Map<string, string[]>();
  for (const c of coverage)
    if (c.kind === 'liq')
      for (const g of groupsOf(markets.get(c.symbol))) {
        const key = `${g}|${c.interval}`;
        expected.set(key, [...(expected.get(key) ?? []), c.symbol].sort());
      }
  const meta = await db.getAll('liqGroupMembers');
  expect(new Map(meta.map((m) => [`${m.group}|${m.interval}`, m.members]))).toEqual(expected);
  const starts = new Set((await db.getAll('liqChunks')).map((c) => c.start));
  for (const g of await db.getAll('liqGroups')) starts.add(g.start);
  for (const m of meta)
    for (const start of starts) {
      const g = await db.get('liqGroups', [m.group, m.interval, start]);
      const long = new Float64Array(CHUNK_SLOTS);
      const short = new Float64Array(CHUNK_SLOTS);
      for (const s of m.members) {
        const c = await db.get('liqChunks', [s, m.interval, start]);
        for (let i = 0; c && i < CHUNK_SLOTS; i++) {
          long[i] = (long[i] ?? 0) + (c.long[i] ?? 0);
          short[i] = (short[i] ?? 0) + (c.short[i] ?? 0);
        }
      }
      for (let i = 0; i < CHUNK_SLOTS; i++) {
        if (!Object.is(g?.long[i] ?? 0, long[i]) || !Object.is(g?.short[i] ?? 0, short[i]))
          throw new Error(`${m.group} ${start} slot ${i}: ${g?.long[i]} vs ${long[i]}`);
      }
    }
}

/** Every store, chunks with their arrays as hex: toEqual over megabytes of typed arrays took seconds under load. */
async function snapshot(db: IDBPDatabase<LiqLabDB>) {
  const hex = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
  const liq = (c: LiqChunk) => [c.symbol, c.interval, c.start, hex(c.long), hex(c.short)].join(' ');
  return {
    liq: (await db.getAll('liqChunks')).map(liq),
    candles: (await db.getAll('candleChunks')).map((c) =>
      [c.symbol, c.interval, c.start, ...[c.open, c.high, c.low, c.close, c.volume].map(hex)].join(' '),
    ),
    coverage: await db.getAll('coverage'),
    markets: await db.getAll('markets'),
    groups: (await db.getAll('liqGroups')).map(liq),
    members: await db.getAll('liqGroupMembers'),
  };
}

const selection = fc.record({
  symbol: fc.constantFrom<string | null>(null, ...MARKETS.map((m) => m.symbol)),
  from: fc.option(fc.integer({ min: -2, max: 31 }), { nil: null }),
  days: fc.integer({ min: 0, max: 20 }),
});

describe('Delete stored data', () => {
  it('removes exactly the selected buckets, leaves a gap (not zeros) and keeps every group exactly the sum of its members', async () => {
    await fc.assert(
      fc.asyncProperty(selection, async ({ symbol, from, days }) => {
        const db = await seeded('delete');
        const sel: DeleteSelection = {
          symbol,
          from: from === null ? null : T0 + from * DAY,
          to: from === null ? null : T0 + (from + days) * DAY,
        };
        const before = new Map<string, Awaited<ReturnType<typeof readLiqSum>>>();
        for (const m of MARKETS)
          before.set(m.symbol, await readLiqSum(db, [m.symbol], '5min', T0, T0 + N * STEP));
        const counted = await countStored(db, sel);
        const { count, spans } = await deleteStored(db, sel);
        expect(count).toEqual(counted);
        let liqPoints = 0;
        const wrong: string[] = [];
        for (const m of MARKETS) {
          const old = before.get(m.symbol);
          const now = await readLiqSum(db, [m.symbol], '5min', T0, T0 + N * STEP);
          for (let i = 0; i < N; i++) {
            const t = T0 + i * STEP;
            const hit =
              (symbol === null || symbol === m.symbol) &&
              (sel.from === null || (t >= sel.from && t < (sel.to ?? 0)));
            const wasCovered = old?.covered[i] === 1;
            if (hit && wasCovered) liqPoints++;
            const keep = wasCovered && !hit;
            if (now.covered[i] !== (keep ? 1 : 0) || now.long[i] !== (keep ? old?.long[i] : 0))
              wrong.push(`${m.symbol} ${new Date(t * 1000).toISOString()}`);
          }
        }
        expect(wrong.slice(0, 5)).toEqual([]);
        expect(count.liqPoints).toBe(liqPoints);
        const announced = spans.map((s) => `${s.kind} ${s.interval}`).sort();
        const kinds = [
          ...(count.candlePoints > 0 ? ['candle'] : []),
          ...(count.liqPoints > 0 ? ['liq'] : []),
        ];
        expect(announced).toEqual(kinds.map((k) => `${k} 5min`));
        await expectGroupsExact(db);
        // The pre-summed read (group path) agrees with summing contract chunks, bucket for bucket.
        const all = await readLiqSum(
          db,
          MARKETS.map((m) => m.symbol),
          '5min',
          T0,
          T0 + N * STEP,
        );
        const stable = await readLiqSum(db, ['BTCUSDT_PERP.3', 'BTCUSDT_PERP.A'], '5min', T0, T0 + N * STEP);
        for (let i = 0; i < N; i++) expect(all.long[i]).toBeGreaterThanOrEqual(stable.long[i] ?? 0);
        db.close();
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  it('a day of one contract: the chart shows a gap there and the candles go too', async () => {
    const db = await seeded('chart');
    const from = T0 + 20 * DAY;
    const { count } = await deleteStored(db, { symbol: AGG, from, to: from + DAY });
    expect(count).toEqual({
      liqPoints: 288,
      candlePoints: 288,
      oiPoints: 0,
      fundingPoints: 0,
      predictedPoints: 0,
      series: 2,
    });
    const r = await loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe: '5m',
      filter: { kind: 'exchange', exchange: AGG },
      referenceSymbol: 'BTCUSDT_PERP.A',
    });
    const i0 = (from - r.frame.start) / STEP;
    for (let i = i0; i < i0 + 288; i++) {
      expect(r.frame.liq.covered[i]).toBe(0);
      expect(Number.isNaN(r.frame.candles.close[i] ?? 0)).toBe(true);
    }
    expect(r.frame.liq.covered[i0 - 1]).toBe(1);
    expect(r.frame.liq.covered[i0 + 288]).toBe(1);
    const c = await readCandles(db, AGG, '5min', from - STEP, from);
    expect(c.close[0]).toBe(1.5);
    db.close();
  });

  it('everything, all time: chunks, coverage and groups are gone; imported aggregates are forgotten, real markets kept', async () => {
    const db = await seeded('all');
    const { count } = await deleteStored(db, { symbol: null, from: null, to: null });
    expect(count.series).toBe(5);
    expect(await db.getAll('liqChunks')).toEqual([]);
    expect(await db.getAll('candleChunks')).toEqual([]);
    expect(await db.getAll('coverage')).toEqual([]);
    expect(await db.getAll('liqGroups')).toEqual([]);
    expect(await db.getAll('liqGroupMembers')).toEqual([]);
    expect((await db.getAll('markets')).map((m) => m.symbol).sort()).toEqual([
      'BTCUSDT_PERP.3',
      'BTCUSDT_PERP.A',
      'BTCUSD_PERP.A',
    ]);
    expect(await countStored(db, { symbol: null, from: null, to: null })).toEqual({
      liqPoints: 0,
      candlePoints: 0,
      oiPoints: 0,
      fundingPoints: 0,
      predictedPoints: 0,
      series: 0,
    });
    db.close();
  });

  it('an error inside the transaction loses nothing', async () => {
    const db = await seeded('abort');
    const before = await snapshot(db);
    await expect(
      deleteStored(db, { symbol: null, from: T0 + 2 * DAY, to: T0 + 25 * DAY }, () => {
        throw new Error('quota exceeded');
      }),
    ).rejects.toThrow('quota exceeded');
    expect(await snapshot(db)).toEqual(before);
    db.close();
  });
});
