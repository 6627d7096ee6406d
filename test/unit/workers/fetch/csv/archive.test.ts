import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_HEADER } from '../../../../../src/core/csv/archive';
import { marketFromSymbol } from '../../../../../src/core/csv/contracts';
import { importText } from '../../../../../src/core/csv/session';
import type { BaseInterval } from '../../../../../src/core/intervals';
import { writeCandles, writeLiqRange } from '../../../../../src/storage/series-repo';
import { applyBatch } from '../../../../../src/workers/fetch/csv/apply';
import { dump, exportAll, freshDb, importInto } from './helpers';

/** 2024-01-01T00:00:00Z: importers refuse times before 2010, so test series start here. */
const T0 = 1_704_067_200;
const iso = (t: number) => `${new Date(t * 1000).toISOString().slice(0, 19)}Z`;

const amount = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0, max: 1e12, noNaN: true }),
  fc.integer({ min: 0, max: 1e9 }),
);
const ASSETS = ['BTC', 'ETH'];
const series = fc.record({
  // BTC's and ETH's contracts; each asset's file holds its own.
  symbol: fc.constantFrom('BTCUSDT_PERP.A', 'BTCUSD_PERP.0', 'BTC-PERPETUAL.2', 'ETHUSDT_PERP.A', 'ETHUSD.6'),
  // A contract the market list does not know (imported with no key): its symbol names its asset.
  listed: fc.boolean(),
  interval: fc.constantFrom<BaseInterval>('1min', '1hour', 'daily'),
  from: fc.integer({ min: 0, max: 5000 }),
  values: fc.array(fc.tuple(amount, amount), { minLength: 1, maxLength: 40 }),
  candles: fc.boolean(),
});

describe('archive format', () => {
  it("export → import into an empty archive reproduces it bit for bit, BTC's and ETH's contracts each in their asset's file, and re-import changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(series, { minLength: 1, maxLength: 4 }), async (all) => {
        const a = await freshDb();
        for (const s of all) {
          const step = { '1min': 60, '1hour': 3600, daily: 86400 }[s.interval as '1min'];
          // From 2010-01-01 (the earliest importable time): 5,000 days later is still in the past.
          const from = 1_262_304_000 + s.from * step;
          const to = from + s.values.length * step;
          if (s.listed) await a.put('markets', marketFromSymbol(s.symbol));
          await writeLiqRange(
            a,
            s.symbol,
            s.interval,
            from,
            to,
            s.values.map(([l, sh], i) => ({ t: from + i * step, l, s: sh })),
          );
          if (s.candles)
            await writeCandles(
              a,
              s.symbol,
              s.interval,
              from,
              to,
              s.values.map(([l, sh], i) => ({
                t: from + i * step,
                o: l,
                h: l + sh,
                l: sh,
                c: l,
                v: i % 3 ? sh : Number.NaN,
              })),
            );
        }
        const texts = await Promise.all(ASSETS.map((asset) => exportAll(a, asset)));
        expect(texts[0]).not.toContain('ETH');
        expect(texts[1]).not.toContain('BTC');
        const b = await freshDb();
        // An asset with nothing stored exports a header alone, which the importer refuses as empty.
        const filled = texts.filter((t) => t.indexOf('\n') < t.length - 1);
        for (const text of filled) {
          const first = await importInto(b, text, { format: 'archive' });
          expect(first.batch.fatal).toBeNull();
        }
        expect(await dump(b)).toEqual(await dump(a));
        expect(await Promise.all(ASSETS.map((asset) => exportAll(b, asset)))).toEqual(texts);
        for (const text of filled) {
          const again = await importInto(b, text, { format: 'archive' });
          expect(again.diff?.newPoints).toBe(0);
          expect(again.diff?.overwritten).toBe(0);
        }
        expect(await dump(b)).toEqual(await dump(a));
        a.close();
        b.close();
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('an archive with one bad line at line 900,000 leaves the store unchanged', async () => {
    const db = await freshDb();
    await writeLiqRange(db, 'BTCUSDT_PERP.A', '1min', 0, 600, [{ t: 60, l: 5, s: 7 }]);
    const before = await dump(db);
    const rows: string[] = [ARCHIVE_HEADER];
    for (let i = 0; i < 1_000_000; i++) {
      const t = 1_700_000_040 + i * 60;
      const bad = i === 899_998; // header is line 1, so this is line 900,000
      rows.push(
        `liq,1min,BTCUSDT_PERP.A,A,STABLE,${new Date(t * 1000).toISOString().slice(0, 19)}Z,${t},${bad ? '-3' : i},1,,,,,,,`,
      );
    }
    const { batch, diff } = await importInto(db, rows.join('\n'), { format: 'archive' });
    expect(batch.fatal).toContain('line 900000');
    expect(batch.fatal).toContain('negative');
    expect(diff).toBeNull();
    expect(await dump(db)).toEqual(before);
  }, 120_000);

  it('a failure inside the commit transaction rolls everything back', async () => {
    const db = await freshDb();
    const text = `${ARCHIVE_HEADER}\nliq,1hour,BTCUSDT_PERP.A,A,STABLE,${iso(T0 + 3600)},${T0 + 3600},1,2,,,,,,,\n`;
    await expect(
      applyBatch(db, importText(text, { format: 'archive' }), true, () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await db.getAll('coverage')).toEqual([]);
    expect(await db.getAll('liqChunks')).toEqual([]);
  });

  it('rejects bad lines with line numbers and reasons', () => {
    const h = T0 + 3600;
    const text = [
      ARCHIVE_HEADER,
      `liq,1hour,X.A,A,STABLE,${iso(h)},${h},NaN,0,,,,,,,`,
      `liq,1hour,X.A,A,STABLE,${iso(h)},${h},1e400,0,,,,,,,`,
      `liq,1hour,X.A,A,STABLE,${iso(h + 3600)},${h},1,0,,,,,,,`,
      `liq,1hour,X.A,A,STABLE,${iso(h)},${h + 1},1,0,,,,,,,`,
      'liq,1hour,X.A',
      `liq,7hour,X.A,A,STABLE,${iso(h)},${h},1,0,,,,,,,`,
    ].join('\r\n');
    const b = importText(text, { format: 'archive' });
    expect(b.rejected).toEqual([
      { line: 2, reason: 'long_usd "NaN" is not a number' },
      { line: 3, reason: 'long_usd "1e400" overflows (not a finite number)' },
      { line: 4, reason: `time "${iso(h + 3600)}" does not match unix ${h} (${iso(h)})` },
      { line: 5, reason: `unix time "${h + 1}" is not a whole multiple of 3600 s` },
      { line: 6, reason: 'expected 16 fields, found 3' },
      { line: 7, reason: 'unknown interval "7hour"' },
    ]);
    expect(b.fatal).toContain('6 invalid line(s), first at line 2');
  });

  it('duplicates: identical rows are dropped, differing ones are conflicts (first wins); out-of-order rows are sorted', () => {
    const row = (t: number, l: number) => `liq,1hour,X.A,A,STABLE,${iso(T0 + t)},${T0 + t},${l},0,,,,,,,`;
    const b = importText(
      [ARCHIVE_HEADER, row(7200, 2), row(3600, 1), row(3600, 1), row(3600, 9)].join('\n'),
      {
        format: 'archive',
      },
    );
    expect(b.duplicates).toBe(2);
    expect(b.conflicts).toEqual([{ line: 5, firstLine: 3, key: 'liq X.A 1hour 2024-01-01T01:00:00.000Z' }]);
    const s = b.series.get('liq|X.A|1hour');
    expect([...(s?.t.slice(0, s.n) ?? [])]).toEqual([T0 + 3600, T0 + 7200]);
    expect(s?.cols[0]?.[0]).toBe(1);
  });
});
