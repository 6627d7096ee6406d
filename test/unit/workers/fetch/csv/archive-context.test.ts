import 'fake-indexeddb/auto';
import fc from 'fast-check';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import type { ContextKind } from '../../../../../src/core/context/series';
import { ARCHIVE_HEADER } from '../../../../../src/core/csv/archive';
import { marketFromSymbol } from '../../../../../src/core/csv/contracts';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../../../../../src/core/intervals';
import { blankOhlc, readContext, writeContextRange } from '../../../../../src/storage/context-repo';
import { readOiSum } from '../../../../../src/storage/oi-read';
import { CHUNK_SLOTS, type LiqLabDB } from '../../../../../src/storage/schema';
import { writeCandles, writeLiqRange } from '../../../../../src/storage/series-repo';
import { dump, exportAll, freshDb, importInto } from './helpers';

/** 2010-01-01T00:00:00Z, the earliest importable time; on every grid up to daily. */
const T2010 = 1_262_304_000;
// ETH's contract is exported in ETH's file, BTC's in BTC's: the round trip goes through both.
const SYMBOLS = ['BTCUSDT_PERP.A', 'BTCUSD_PERP.A', 'BTCUSDT_PERP.3', 'ETHUSDT_PERP.A'];
const ASSETS = ['BTC', 'ETH'];

const level = fc.oneof(
  fc.constant(0),
  fc.constant(-0),
  fc.double({ min: -1e11, max: 1e11, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
);
const ctxWrite = fc.record({
  kind: fc.constantFrom<ContextKind>('oi', 'funding', 'predicted'),
  symbol: fc.constantFrom(...SYMBOLS),
  interval: fc.constantFrom<BaseInterval>('5min', '1hour', 'daily'),
  from: fc.integer({ min: 0, max: 3000 }),
  len: fc.integer({ min: 1, max: 200 }),
  // Offsets inside the write: the buckets it leaves out are gaps (NaN) inside its coverage.
  values: fc.array(fc.tuple(fc.nat(199), level, level), { maxLength: 60 }),
});

type CtxWrite = typeof ctxWrite extends fc.Arbitrary<infer T> ? T : never;

async function seed(db: IDBPDatabase<LiqLabDB>, writes: CtxWrite[]): Promise<void> {
  for (const s of SYMBOLS) await db.put('markets', marketFromSymbol(s));
  for (const w of writes) {
    const step = BASE_INTERVAL_SECONDS[w.interval];
    const from = T2010 + w.from * step;
    const seen = new Set<number>();
    const points = w.values
      .filter(([k]) => k < w.len && !seen.has(k) && seen.add(k))
      .map(([k, a, b]) => {
        const [o, c] = w.kind === 'oi' ? [Math.abs(a), Math.abs(b)] : [a, b];
        return { t: from + k * step, o, h: Math.max(o, c), l: Math.min(o, c), c };
      });
    await writeContextRange(db, w.kind, w.symbol, w.interval, from, from + w.len * step, points);
  }
  // Liquidations and candles beside them, so the round trip carries every kind at once.
  const t = T2010 + 86_400 * 1000;
  await writeLiqRange(db, SYMBOLS[0] ?? '', '1hour', t, t + 5 * 3600, [{ t: t + 3600, l: 12.5, s: 0.1 }]);
  await writeCandles(db, SYMBOLS[0] ?? '', '1hour', t, t + 2 * 3600, [
    { t, o: 1, h: 2, l: 0.5, c: 1.5, v: 3 },
  ]);
}

/** Group sums of `a` and `b` agree: the same members and counts, sums within float rounding of the members'. */
async function expectSameOiGroups(a: IDBPDatabase<LiqLabDB>, b: IDBPDatabase<LiqLabDB>): Promise<void> {
  // The same members, except a contract whose every stored value became a gap (it has no row to import).
  const withValues = new Set(
    (await a.getAll('ctxChunks'))
      .filter((c) => c.kind === 'oi' && c.close.some((x) => !Number.isNaN(x)))
      .map((c) => `${c.symbol}|${c.interval}`),
  );
  const members = async (db: IDBPDatabase<LiqLabDB>) =>
    (await db.getAll('oiGroupMembers'))
      .map((m) => {
        const kept = m.members.filter((s) => withValues.has(`${s}|${m.interval}`));
        return `${m.group}|${m.interval}|${kept.join(',')}`;
      })
      .filter((k) => !k.endsWith('|'))
      .sort();
  expect(await members(b)).toEqual(await members(a));
  const chunks = async (db: IDBPDatabase<LiqLabDB>) =>
    new Map((await db.getAll('oiGroups')).map((g) => [`${g.group}|${g.interval}|${g.start}`, g]));
  const ga = await chunks(a);
  const gb = await chunks(b);
  for (const key of new Set([...ga.keys(), ...gb.keys()])) {
    const x = ga.get(key);
    const y = gb.get(key);
    // Checked slot by slot without an expect per slot (4096 slots per chunk), failing on the first difference.
    for (let i = 0; i < CHUNK_SLOTS; i++) {
      const n = x?.count[i] ?? 0;
      if ((y?.count[i] ?? 0) !== n) throw new Error(`${key} slot ${i}: count ${y?.count[i]} vs ${n}`);
      for (const col of ['open', 'close'] as const) {
        const p = x?.[col][i] ?? 0;
        const q = y?.[col][i] ?? 0;
        // Where no member has a value both hold exactly 0; elsewhere the sums differ by rounding at most.
        const ok = n === 0 ? Object.is(p, 0) && Object.is(q, 0) : Math.abs(p - q) <= 1e-12 * 1e11 * n;
        if (!ok) throw new Error(`${key} ${col} slot ${i}: ${q} vs ${p}`);
      }
    }
  }
}

describe('archive open interest and funding', () => {
  it('export → import into an empty archive reproduces OI, funding and predicted funding bit for bit, gaps and coverage included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ctxWrite, { minLength: 1, maxLength: 8 }), async (writes) => {
        const a = await freshDb();
        await seed(a, writes);
        const texts = await Promise.all(ASSETS.map((asset) => exportAll(a, asset)));
        // Each asset's file holds its own contracts only.
        expect(texts[0]).not.toContain('ETHUSDT_PERP.A');
        expect(texts[1]).not.toContain('BTCUSD');
        const b = await freshDb();
        // An asset with nothing stored exports a header alone, which the importer refuses as empty.
        const filled = texts.filter((t) => t.indexOf('\n') < t.length - 1);
        for (const text of filled) {
          const first = await importInto(b, text, { format: 'archive' });
          expect(first.batch.fatal).toBeNull();
          expect(first.batch.rejectedCount).toBe(0);
        }
        expect(await dump(b)).toEqual(await dump(a));
        await expectSameOiGroups(a, b);
        expect(await Promise.all(ASSETS.map((asset) => exportAll(b, asset)))).toEqual(texts);
        for (const text of filled) {
          const again = await importInto(b, text, { format: 'archive' });
          expect(again.diff?.newPoints).toBe(0);
          expect(again.diff?.overwritten).toBe(0);
        }
        a.close();
        b.close();
      }),
      // Each run clones a few hundred 128 KB chunks through fake-indexeddb: 15 runs keep this under ~5 s.
      { numRuns: 15 },
    );
  }, 120_000);

  it('a contract whose open interest was all overwritten by gaps imports as coverage alone; reads agree', async () => {
    const a = await freshDb();
    await a.put('markets', marketFromSymbol('BTCUSDT_PERP.A'));
    await a.put('markets', marketFromSymbol('BTCUSDT_PERP.3'));
    const t0 = T2010 + 1000 * 3600;
    const bar = (t: number, c: number) => ({ t, o: c, h: c, l: c, c });
    await writeContextRange(a, 'oi', 'BTCUSDT_PERP.A', '1hour', t0, t0 + 2 * 3600, [bar(t0, 7e9)]);
    await writeContextRange(a, 'oi', 'BTCUSDT_PERP.A', '1hour', t0, t0 + 2 * 3600, []); // the API now omits it
    await writeContextRange(a, 'oi', 'BTCUSDT_PERP.3', '1hour', t0, t0 + 2 * 3600, [bar(t0 + 3600, 3e9)]);
    const b = await freshDb();
    await importInto(b, await exportAll(a), { format: 'archive' });
    expect(await dump(b)).toEqual(await dump(a));
    await expectSameOiGroups(a, b);
    for (const db of [a, b]) {
      const sum = await readOiSum(db, ['BTCUSDT_PERP.A', 'BTCUSDT_PERP.3'], '1hour', t0, t0 + 2 * 3600);
      expect([...sum.close]).toEqual([Number.NaN, 3e9]);
      expect([...sum.count]).toEqual([0, 1]);
    }
  });

  it('writes a gap as no row and reads it back as a gap; negative and -0 funding survive; rows are documented kinds', async () => {
    const a = await freshDb();
    await a.put('markets', marketFromSymbol('BTCUSDT_PERP.A'));
    const H = 3600;
    const t0 = T2010 + 5000 * H;
    const bar = (t: number, c: number) => ({ t, o: c, h: c, l: c, c });
    // Three hours fetched, the middle one left out by the API: a gap, not zero open interest.
    await writeContextRange(a, 'oi', 'BTCUSDT_PERP.A', '1hour', t0, t0 + 3 * H, [
      bar(t0, 5e9),
      bar(t0 + 2 * H, 5.25e9),
    ]);
    await writeContextRange(a, 'funding', 'BTCUSDT_PERP.A', '1hour', t0, t0 + 2 * H, [
      bar(t0, -0.0123),
      bar(t0 + H, -0),
    ]);
    await writeContextRange(a, 'predicted', 'BTCUSDT_PERP.A', '1hour', t0, t0 + H, [bar(t0, 0.01)]);
    const text = await exportAll(a);
    const rows = text.split('\n');
    expect(rows[0]).toBe(ARCHIVE_HEADER);
    const iso = (t: number) => `${new Date(t * 1000).toISOString().slice(0, 19)}Z`;
    const names = 'BTCUSDT_PERP.A,A,STABLE';
    expect(rows).toContain(`coverage_oi,1hour,${names},${iso(t0)},${t0},,,,,,,,${t0 + 3 * H},`);
    expect(rows).toContain(`coverage_funding,1hour,${names},${iso(t0)},${t0},,,,,,,,${t0 + 2 * H},`);
    expect(rows).toContain(`coverage_predicted_funding,1hour,${names},${iso(t0)},${t0},,,,,,,,${t0 + H},`);
    expect(rows).toContain(
      `oi,1hour,${names},${iso(t0)},${t0},,,5000000000,5000000000,5000000000,5000000000,,,`,
    );
    expect(rows.filter((r) => r.startsWith('oi,'))).toHaveLength(2); // the gap hour has no row
    expect(rows).toContain(`funding,1hour,${names},${iso(t0 + H)},${t0 + H},,,-0,-0,-0,-0,,,`);
    expect(rows).toContain(`predicted_funding,1hour,${names},${iso(t0)},${t0},,,0.01,0.01,0.01,0.01,,,`);
    const b = await freshDb();
    expect((await importInto(b, text, { format: 'archive' })).batch.fatal).toBeNull();
    const oi = await readContext(b, 'oi', 'BTCUSDT_PERP.A', '1hour', t0, t0 + 3 * H);
    expect([...oi.close]).toEqual([5e9, Number.NaN, 5.25e9]);
    const sum = await readOiSum(b, ['BTCUSDT_PERP.A'], '1hour', t0, t0 + 3 * H);
    expect([...sum.close]).toEqual([5e9, Number.NaN, 5.25e9]);
    expect([...sum.count]).toEqual([1, 0, 1]);
    const funding = await readContext(b, 'funding', 'BTCUSDT_PERP.A', '1hour', t0, t0 + 2 * H);
    expect(Object.is(funding.close[1], -0)).toBe(true);
    expect(await b.get('ctxCoverage', ['funding', 'BTCUSDT_PERP.A', '1hour'])).toMatchObject({
      ranges: [[t0, t0 + 2 * H]],
    });
  });

  it('a bucket with some values missing keeps exactly those missing', async () => {
    const a = await freshDb();
    await a.put('markets', marketFromSymbol('BTCUSD_PERP.A'));
    const span = CHUNK_SLOTS * 3600;
    const start = Math.floor(T2010 / span) * span;
    const at = (h: number) => (T2010 - start) / 3600 + h;
    const chunk = blankOhlc('funding', 'BTCUSD_PERP.A', '1hour', start);
    chunk.open[at(7)] = 0.004;
    chunk.close[at(7)] = 0.006; // high and low unknown
    chunk.high[at(9)] = 1e-300; // only a high
    await a.put('ctxChunks', chunk);
    await a.put('ctxCoverage', {
      kind: 'funding',
      symbol: 'BTCUSD_PERP.A',
      interval: '1hour',
      ranges: [[T2010, T2010 + 20 * 3600]],
    });
    const text = await exportAll(a);
    expect(text).toContain(',,,0.004,,,0.006,,,\n');
    expect(text).toContain(',,,,1e-300,,,,,\n');
    const b = await freshDb();
    await importInto(b, text, { format: 'archive' });
    expect(await dump(b)).toEqual(await dump(a));
  });

  it('refuses the whole file, with the line, for negative open interest, a bad number or an unknown context kind', async () => {
    const t = T2010 + 3600;
    const row = (kind: string, cells: string) =>
      `${kind},1hour,BTCUSDT_PERP.A,A,STABLE,${new Date(t * 1000).toISOString().slice(0, 19)}Z,${t},,,${cells},,,`;
    const cases: Array<[string, string]> = [
      [row('oi', '1,2,-3,4'), 'line 3: oi low "-3" is negative (open interest cannot be)'],
      [row('funding', '0.01,abc,0.01,0.01'), 'line 3: funding high "abc" is not a number'],
      [row('predicted_funding', '0.01,0.01,0.01,1e999'), 'line 3: predicted_funding close "1e999" overflows'],
      [row('open_interest', '1,1,1,1'), 'line 3: unknown row kind "open_interest"'],
    ];
    for (const [bad, why] of cases) {
      const db = await freshDb();
      const text = [ARCHIVE_HEADER, row('funding', '-0.5,0.1,-0.5,0.1'), bad, ''].join('\n');
      const { batch, diff } = await importInto(db, text, { format: 'archive' });
      expect(batch.fatal).toContain(why);
      expect(diff).toBeNull();
      expect(await db.getAll('ctxChunks')).toEqual([]);
      expect(await db.getAll('ctxCoverage')).toEqual([]);
      db.close();
    }
  });
});
