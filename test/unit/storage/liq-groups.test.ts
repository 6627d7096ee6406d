import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/storage/migrations';
import { openLiqLabDb } from '../../../src/storage/open';
import { readLiqSum, writeLiqRange } from '../../../src/storage/series-repo';
import { testMarket } from '../../helpers/markets';

const M = 60;
const open = () => openLiqLabDb(`groups-${Math.random()}`);

const market = testMarket;

const MARKETS = [market('A1', 'A', 'STABLE'), market('A2', 'A', 'COIN'), market('B1', 'B', 'STABLE')];

/** The group series, read straight from its store. */
async function groupSeries(db: Awaited<ReturnType<typeof open>>, group: string, n: number) {
  const long = new Float64Array(n);
  for (const c of await db.getAll('liqGroups'))
    if (c.symbol === group && c.interval === '1min')
      for (let i = 0; i < c.long.length && c.start / M + i < n; i++) long[c.start / M + i] = c.long[i] ?? 0;
  return long;
}

const write = fc.record({
  symbol: fc.constantFrom('A1', 'A2', 'B1'),
  from: fc.integer({ min: 0, max: 9000 }),
  len: fc.integer({ min: 1, max: 400 }),
  values: fc.array(fc.tuple(fc.nat(399), fc.double({ min: 0, max: 1e9, noNaN: true })), { maxLength: 30 }),
});

describe('group series', () => {
  it('say from where a write changed them: an exact recompute re-rounds earlier buckets of its chunk', async () => {
    const db = await open();
    for (const m of MARKETS) await db.put('markets', m);
    const t1 = 10 * M;
    const t2 = 20 * M;
    // Both contracts join the groups first (a join re-reads the whole stored series anyway).
    await writeLiqRange(db, 'A1', '1min', 0, 30 * M, [{ t: t1, l: 0.1, s: 0 }]);
    await writeLiqRange(db, 'B1', '1min', 0, 30 * M, [{ t: t1, l: 0.2, s: 0 }]);
    // A delta update: 0.1 + 0.2 − 0.1 + 0.7 = 0.9, where the exact sum 0.7 + 0.2 is 0.8999999999999999.
    const delta = await writeLiqRange(db, 'A1', '1min', t1, t1 + M, [{ t: t1, l: 0.7, s: 0 }]);
    expect(delta.revisedFrom).toBe(t1);
    expect((await readLiqSum(db, ['A1', 'B1'], '1min', t1, t1 + M)).long[0]).toBe(0.9);
    // A1 alone at t2, then gone: the group bucket cancels to 0, so its chunk is recomputed exactly.
    await writeLiqRange(db, 'A1', '1min', t2, t2 + M, [{ t: t2, l: 5, s: 0 }]);
    const cancel = await writeLiqRange(db, 'A1', '1min', t2, t2 + M, []);
    expect((await readLiqSum(db, ['A1', 'B1'], '1min', t1, t1 + M)).long[0]).toBe(0.8999999999999999);
    // The bucket at t1 changed though the write began at t2: the write says so.
    expect(cancel.revisedFrom).toBeLessThanOrEqual(t1);
  });

  it('equal the sum of their contracts after any sequence of overlapping writes, with exact zeros', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 12 }), async (writes) => {
        const db = await open();
        for (const m of MARKETS) await db.put('markets', m);
        for (const w of writes) {
          const pts = w.values
            .filter(([o]) => o < w.len)
            .map(([o, v]) => ({ t: (w.from + o) * M, l: v, s: v / 2 }));
          await writeLiqRange(db, w.symbol, '1min', w.from * M, (w.from + w.len) * M, pts);
        }
        const n = 9400;
        for (const [group, members] of [
          ['BTC/all', ['A1', 'A2', 'B1']],
          ['BTC/margin:STABLE', ['A1', 'B1']],
          ['BTC/exchange:A', ['A1', 'A2']],
        ] as const) {
          const g = await groupSeries(db, group, n);
          const parts = await Promise.all(members.map((s) => readLiqSum(db, [s], '1min', 0, n * M)));
          for (let i = 0; i < n; i++) {
            const want = parts.reduce((a, p) => a + (p.long[i] ?? 0), 0);
            if (want === 0) expect(g[i]).toBe(0);
            else expect(Math.abs((g[i] ?? 0) - want)).toBeLessThanOrEqual(want * 1e-12);
          }
        }
        db.close();
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('serve a filtered read: the COIN- or STABLE-margined total equals the sum of those contracts', async () => {
    const db = await open();
    for (const m of MARKETS) await db.put('markets', m);
    await writeLiqRange(db, 'A1', '1min', 0, 10 * M, [{ t: 2 * M, l: 100, s: 1 }]);
    await writeLiqRange(db, 'B1', '1min', 0, 10 * M, [{ t: 2 * M, l: 50, s: 2 }]);
    await writeLiqRange(db, 'A2', '1min', 0, 10 * M, [{ t: 2 * M, l: 7, s: 3 }]);
    await writeLiqRange(db, 'B1', '1min', 2 * M, 3 * M, [{ t: 2 * M, l: 60, s: 2 }]); // the open bucket grew
    const stable = await readLiqSum(db, ['A1', 'B1'], '1min', 0, 10 * M);
    expect([stable.long[2], stable.short[2]]).toEqual([160, 3]);
    const all = await readLiqSum(db, ['A1', 'A2', 'B1'], '1min', 0, 10 * M);
    expect([all.long[2], all.short[2], all.long[3]]).toEqual([167, 6, 0]);
    expect(all.covered[9]).toBe(1);
    expect(all.covered[10]).toBe(undefined);
    const members = await db.get('liqGroupMembers', ['BTC/margin:STABLE', '1min']);
    expect(members?.members).toEqual(['A1', 'B1']);
    db.close();
  });

  it('are built from stored contracts when a version-5 archive upgrades', async () => {
    const name = `groups-upgrade-${Math.random()}`;
    const v5 = await openLiqLabDb(
      name,
      {},
      MIGRATIONS.filter((m) => m.version <= 5),
    );
    for (const m of MARKETS) await v5.put('markets', m);
    await writeLiqRange(v5, 'A1', '1hour', 0, 4 * 3600, [{ t: 3600, l: 5, s: 7 }]);
    await writeLiqRange(v5, 'A2', '1hour', 0, 4 * 3600, [{ t: 3600, l: 1, s: 1 }]);
    v5.close();
    const db = await openLiqLabDb(name);
    const [exchangeA] = await db.getAll('liqGroups', IDBKeyRange.only(['BTC/exchange:A', '1hour', 0]));
    expect([exchangeA?.long[1], exchangeA?.short[1]]).toEqual([6, 8]);
    const coin = await readLiqSum(db, ['A2'], '1hour', 0, 4 * 3600);
    expect(coin.long[1]).toBe(1);
    db.close();
  });
});
