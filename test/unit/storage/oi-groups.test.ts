import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readContext, writeContextRange } from '../../../src/storage/context-repo';
import { readFundingWeighted, readOiSum } from '../../../src/storage/oi-read';
import { openLiqLabDb } from '../../../src/storage/open';
import { testMarket } from '../../helpers/markets';

const M = 300;
const open = () => openLiqLabDb(`oi-groups-${Math.random()}`);

const market = testMarket;

const MARKETS = [market('A1', 'A', 'STABLE'), market('A2', 'A', 'COIN'), market('B1', 'B', 'STABLE')];

const write = fc.record({
  symbol: fc.constantFrom('A1', 'A2', 'B1'),
  from: fc.integer({ min: 0, max: 5000 }),
  len: fc.integer({ min: 1, max: 300 }),
  values: fc.array(fc.tuple(fc.nat(299), fc.double({ min: 1, max: 3e10, noNaN: true })), { maxLength: 40 }),
});

describe('open interest group series', () => {
  it('equal the sum of the contracts with a value, with the count, after any overlapping writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 10 }), async (writes) => {
        const db = await open();
        for (const m of MARKETS) await db.put('markets', m);
        for (const w of writes) {
          const seen = new Set<number>();
          const pts = w.values
            .filter(([o]) => o < w.len && !seen.has(o) && seen.add(o))
            .map(([o, v]) => ({ t: (w.from + o) * M, o: v * 0.99, h: v * 1.01, l: v * 0.98, c: v }));
          await writeContextRange(db, 'oi', w.symbol, '5min', w.from * M, (w.from + w.len) * M, pts);
        }
        const written = [...new Set(writes.map((w) => w.symbol))];
        const to = 5400 * M;
        // Every written contract: the `all` group; the group read must equal the per-contract sum.
        const got = await readOiSum(db, written, '5min', 0, to);
        const parts = await Promise.all(written.map((s) => readContext(db, 'oi', s, '5min', 0, to)));
        for (let i = 0; i < got.close.length; i++) {
          const vals = parts.map((p) => p.close[i] ?? Number.NaN).filter((v) => !Number.isNaN(v));
          expect(got.count[i]).toBe(vals.length);
          if (vals.length === 0) expect(got.close[i]).toBeNaN();
          else {
            const sum = vals.reduce((a, b) => a + b, 0);
            expect(Math.abs((got.close[i] ?? 0) - sum)).toBeLessThanOrEqual(sum * 1e-12);
          }
        }
        // The group store itself holds exact zeros where no member has a value.
        for (const g of await db.getAll('oiGroups'))
          g.count.forEach((k, i) => {
            if (k === 0) expect(Object.is(g.close[i], 0) && Object.is(g.open[i], 0)).toBe(true);
          });
        db.close();
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('reads a group only when the contracts with data are its members, and a gap never reads as zero', async () => {
    const db = await open();
    for (const m of MARKETS) await db.put('markets', m);
    const bar = (t: number, c: number) => ({ t, o: c, h: c, l: c, c });
    await writeContextRange(db, 'oi', 'A1', '1hour', 0, 4 * 3600, [bar(0, 10), bar(3600, 11), bar(7200, 12)]);
    await writeContextRange(db, 'oi', 'A2', '1hour', 0, 4 * 3600, [bar(0, 5), bar(7200, 6), bar(10800, 7)]);
    const exA = await readOiSum(db, ['A1', 'A2'], '1hour', 0, 5 * 3600);
    expect(Array.from(exA.close)).toEqual([15, 11, 18, 7, Number.NaN]);
    expect(Array.from(exA.count)).toEqual([2, 1, 2, 1, 0]);
    // A second write of the same answer changes nothing.
    expect(
      await writeContextRange(db, 'oi', 'A2', '1hour', 0, 4 * 3600, [bar(0, 5), bar(7200, 6), bar(10800, 7)]),
    ).toBe(0);
    // Funding weighted by OI: A1 has no funding stored, so A2 alone sets it where it has OI.
    await writeContextRange(db, 'funding', 'A2', '1hour', 0, 4 * 3600, [bar(0, 0.01), bar(3600, 0.02)]);
    await writeContextRange(db, 'funding', 'A1', '1hour', 0, 4 * 3600, [bar(0, 0.04)]);
    const f = await readFundingWeighted(db, 'funding', ['A1', 'A2'], '1hour', 0, 3 * 3600);
    expect(f[0]).toBeCloseTo((0.04 * 10 + 0.01 * 5) / 15, 15);
    expect(f[1]).toBeNaN(); // A2 has funding but no OI at 1h; A1 has OI but no funding
    expect(f[2]).toBeNaN();
    db.close();
  });
});
