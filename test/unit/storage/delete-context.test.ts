import 'fake-indexeddb/auto';
import fc from 'fast-check';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import type { ContextKind } from '../../../src/core/context/series';
import { aggregateMarket } from '../../../src/core/csv/names';
import type { BaseInterval } from '../../../src/core/intervals';
import { readContext, writeContextRange } from '../../../src/storage/context-repo';
import { countStored, type DeleteSelection, deleteStored } from '../../../src/storage/delete-range';
import { groupsOf } from '../../../src/storage/liq-groups';
import { readOiSum } from '../../../src/storage/oi-read';
import { openLiqLabDb } from '../../../src/storage/open';
import { CHUNK_SLOTS, type LiqLabDB } from '../../../src/storage/schema';
import { writeLiqRange } from '../../../src/storage/series-repo';
import { testMarket } from '../../helpers/markets';

/** 2024-06-01T00:00:00Z. */
const T0 = 1_717_200_000;
const DAY = 86_400;
const M5 = 300;
const H = 3600;
const DAYS = 16; // 5min OI over 16 days spans two chunks (14.2 days each)

const AGG = 'CSV_AGG_OI';
const MARKETS = [
  testMarket('BTCUSDT_PERP.3', '3'),
  testMarket('BTCUSDT_PERP.A', 'A'),
  testMarket('BTCUSD_PERP.A', 'A', 'COIN'),
  aggregateMarket(AGG, ['A', '3'], 'BTC'),
];
/** Each contract's OI span in days from T0, so coverage differs between contracts. */
const SPANS: Record<string, [number, number]> = {
  'BTCUSDT_PERP.3': [0, DAYS],
  'BTCUSDT_PERP.A': [1, DAYS - 2],
  'BTCUSD_PERP.A': [0, 8],
  [AGG]: [5, DAYS],
};
/** The context series each contract has, at its interval. */
const SERIES: Array<[ContextKind, BaseInterval, number]> = [
  ['oi', '5min', M5],
  ['funding', '1hour', H],
  ['predicted', '1hour', H],
];

/** Full-mantissa values (a delta update would leave residues an exact check catches); every 11th bucket a gap. */
function value(k: number, i: number): number {
  return Math.abs(Math.sin(k * 7919 + i * 104_729)) * 1e9 + 0.123456789;
}

async function seeded(): Promise<IDBPDatabase<LiqLabDB>> {
  const db = await openLiqLabDb(`delete-ctx-${Math.random()}`);
  for (const m of MARKETS) await db.put('markets', m);
  // One write per contract and kind, in symbol order: the OI group sums start out exactly member-order sums.
  const sorted = [...MARKETS].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  for (const [k, m] of sorted.entries()) {
    const [a, b] = SPANS[m.symbol] ?? [0, 0];
    for (const [kind, interval, step] of SERIES) {
      if (kind === 'predicted' && m.symbol === AGG) continue; // an aggregate with no predicted funding
      const from = T0 + a * DAY;
      const n = ((b - a) * DAY) / step;
      const points = Array.from({ length: n }, (_, i) => i)
        .filter((i) => i % 11 !== 3)
        .map((i) => {
          const c = kind === 'oi' ? value(k, i) : (value(k, i) - 5e8) / 1e11;
          return { t: from + i * step, o: i % 5 === 0 ? Number.NaN : c * 0.99, h: c, l: c * 0.98, c };
        });
      await writeContextRange(db, kind, m.symbol, interval, from, from + n * step, points);
    }
  }
  await writeLiqRange(db, 'BTCUSDT_PERP.A', '1hour', T0, T0 + DAY, [{ t: T0 + H, l: 5, s: 6 }]);
  return db;
}

/** Every OI group chunk equals the member-order sum of its members exactly; members = contracts with OI data. */
async function expectOiGroupsExact(db: IDBPDatabase<LiqLabDB>): Promise<void> {
  const coverage = await db.getAll('ctxCoverage');
  const markets = new Map((await db.getAll('markets')).map((m) => [m.symbol, m]));
  const expected = new Map<string, string[]>();
  for (const c of coverage)
    if (c.kind === 'oi')
      for (const g of groupsOf(markets.get(c.symbol))) {
        const key = `${g}|${c.interval}`;
        expected.set(key, [...(expected.get(key) ?? []), c.symbol].sort());
      }
  const meta = await db.getAll('oiGroupMembers');
  expect(new Map(meta.map((m) => [`${m.group}|${m.interval}`, m.members]))).toEqual(expected);
  const starts = new Set((await db.getAll('ctxChunks')).filter((c) => c.kind === 'oi').map((c) => c.start));
  for (const g of await db.getAll('oiGroups')) {
    starts.add(g.start);
    // A group chunk is kept only while some member has a value in it.
    if (g.count.every((n) => n === 0))
      throw new Error(`${g.group} ${g.start}: an empty group chunk was kept`);
  }
  for (const m of meta)
    for (const start of starts) {
      const g = await db.get('oiGroups', [m.group, m.interval, start]);
      const open = new Float64Array(CHUNK_SLOTS);
      const close = new Float64Array(CHUNK_SLOTS);
      const count = new Uint16Array(CHUNK_SLOTS);
      for (const s of m.members) {
        const c = await db.get('ctxChunks', ['oi', s, m.interval, start]);
        for (let i = 0; c && i < CHUNK_SLOTS; i++) {
          const x = c.close[i] ?? Number.NaN;
          if (Number.isNaN(x)) continue;
          count[i] = (count[i] ?? 0) + 1;
          close[i] = (close[i] ?? 0) + x;
          open[i] = (open[i] ?? 0) + (Number.isNaN(c.open[i] ?? Number.NaN) ? 0 : (c.open[i] ?? 0));
        }
      }
      for (let i = 0; i < CHUNK_SLOTS; i++)
        if (
          (g?.count[i] ?? 0) !== count[i] ||
          !Object.is(g?.close[i] ?? 0, close[i]) ||
          !Object.is(g?.open[i] ?? 0, open[i])
        )
          throw new Error(
            `${m.group} ${start} slot ${i}: ${g?.close[i]} (${g?.count[i]}) vs ${close[i]} (${count[i]})`,
          );
    }
}

const selection = fc.record({
  symbol: fc.constantFrom<string | null>(null, ...MARKETS.map((m) => m.symbol)),
  from: fc.option(fc.integer({ min: -2, max: DAYS + 1 }), { nil: null }),
  days: fc.integer({ min: 0, max: 12 }),
});

describe('Delete stored data: open interest and funding', () => {
  it('turns exactly the selected buckets into gaps, cuts coverage, counts them, and keeps OI groups the exact sum of their members', async () => {
    await fc.assert(
      fc.asyncProperty(selection, async ({ symbol, from, days }) => {
        const db = await seeded();
        const sel: DeleteSelection = {
          symbol,
          from: from === null ? null : T0 + from * DAY,
          to: from === null ? null : T0 + (from + days) * DAY,
        };
        const end = T0 + DAYS * DAY;
        type Snap = { covered: boolean[]; close: Float64Array; open: Float64Array };
        const snap = async (): Promise<Map<string, Snap>> => {
          const out = new Map<string, Snap>();
          for (const m of MARKETS)
            for (const [kind, interval, step] of SERIES) {
              const r = await readContext(db, kind, m.symbol, interval, T0, end);
              const cov = (await db.get('ctxCoverage', [kind, m.symbol, interval]))?.ranges ?? [];
              const covered = Array.from(r.close, (_, i) =>
                cov.some(([a, b]) => T0 + i * step >= a && T0 + i * step < b),
              );
              out.set(`${kind}|${m.symbol}`, { covered, close: r.close, open: r.open });
            }
          return out;
        };
        const before = await snap();
        const counted = await countStored(db, sel);
        const { count, spans } = await deleteStored(db, sel);
        expect(count).toEqual(counted);
        const after = await snap();
        const removed: Record<ContextKind, number> = { oi: 0, funding: 0, predicted: 0 };
        const wrong: string[] = [];
        for (const m of MARKETS)
          for (const [kind, , step] of SERIES) {
            const b = before.get(`${kind}|${m.symbol}`);
            const a = after.get(`${kind}|${m.symbol}`);
            for (let i = 0; b && a && i < b.close.length; i++) {
              const t = T0 + i * step;
              const hit =
                (symbol === null || symbol === m.symbol) &&
                (sel.from === null || (t >= sel.from && t < (sel.to ?? 0)));
              if (hit && b.covered[i]) removed[kind]++;
              const keep = b.covered[i] && !hit;
              const ok =
                a.covered[i] === keep &&
                Object.is(a.close[i], keep ? b.close[i] : Number.NaN) &&
                Object.is(a.open[i], keep ? b.open[i] : Number.NaN);
              if (!ok) wrong.push(`${kind} ${m.symbol} ${new Date(t * 1000).toISOString()}`);
            }
          }
        expect(wrong.slice(0, 5)).toEqual([]);
        expect([count.oiPoints, count.fundingPoints, count.predictedPoints]).toEqual([
          removed.oi,
          removed.funding,
          removed.predicted,
        ]);
        const announced = spans.map((s) => `${s.kind} ${s.interval}`).sort();
        const kinds = [
          ...(count.fundingPoints > 0 ? ['funding 1hour'] : []),
          ...(count.liqPoints > 0 ? ['liq 1hour'] : []),
          ...(count.oiPoints > 0 ? ['oi 5min'] : []),
          ...(count.predictedPoints > 0 ? ['predicted 1hour'] : []),
        ];
        expect(announced).toEqual(kinds);
        await expectOiGroupsExact(db);
        // The group read (pre-summed) still agrees with the contracts' own values.
        const all = MARKETS.map((m) => m.symbol);
        const sum = await readOiSum(db, all, '5min', T0, end);
        const parts = await Promise.all(all.map((s) => readContext(db, 'oi', s, '5min', T0, end)));
        for (let i = 0; i < sum.close.length; i++) {
          const have = parts.map((p) => p.close[i] ?? Number.NaN).filter((x) => !Number.isNaN(x));
          if (sum.count[i] !== have.length)
            throw new Error(`bucket ${i}: count ${sum.count[i]} vs ${have.length}`);
        }
        db.close();
      }),
      { numRuns: 8 },
    );
  }, 120_000);

  it('an imported aggregate keeps its market while it has open interest; deleting everything forgets it', async () => {
    const db = await seeded();
    await deleteStored(db, { symbol: AGG, from: T0, to: T0 + 8 * DAY });
    expect(await db.get('markets', AGG)).toBeDefined();
    const { count } = await deleteStored(db, { symbol: AGG, from: null, to: null });
    expect(count.oiPoints).toBe(8 * 288); // days 8–16 were left, gaps inside coverage included
    expect(count.fundingPoints).toBe(8 * 24);
    expect(count.predictedPoints).toBe(0);
    expect(await db.get('markets', AGG)).toBeUndefined();
    const all = await deleteStored(db, { symbol: null, from: null, to: null });
    expect(all.count.series).toBe(3 * 3 + 1); // three contracts × three kinds, and the liquidations
    expect(await db.getAll('ctxChunks')).toEqual([]);
    expect(await db.getAll('ctxCoverage')).toEqual([]);
    expect(await db.getAll('oiGroups')).toEqual([]);
    expect(await db.getAll('oiGroupMembers')).toEqual([]);
    db.close();
  });

  it('an error inside the transaction loses no open interest or funding', async () => {
    const db = await seeded();
    // Typed arrays as hex: toEqual over megabytes of Float64Array takes seconds, string equality does not.
    const hex = (a: Float64Array | Uint16Array) =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
    const snapshot = async () => ({
      chunks: (await db.getAll('ctxChunks')).map((c) =>
        [c.kind, c.symbol, c.interval, c.start, ...[c.open, c.high, c.low, c.close].map(hex)].join(' '),
      ),
      coverage: await db.getAll('ctxCoverage'),
      groups: (await db.getAll('oiGroups')).map((g) =>
        [g.group, g.interval, g.start, hex(g.open), hex(g.close), hex(g.count)].join(' '),
      ),
      members: await db.getAll('oiGroupMembers'),
    });
    const before = await snapshot();
    await expect(
      deleteStored(db, { symbol: null, from: T0 + 2 * DAY, to: T0 + 25 * DAY }, () => {
        throw new Error('quota exceeded');
      }),
    ).rejects.toThrow('quota exceeded');
    expect(await snapshot()).toEqual(before);
    db.close();
  });
});
