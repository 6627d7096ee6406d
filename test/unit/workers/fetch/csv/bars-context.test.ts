import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { BARS_CONTEXT_COLUMNS, BARS_HEADER, barsHeader } from '../../../../../src/core/csv/bars';
import { marketFromSymbol } from '../../../../../src/core/csv/contracts';
import { parseCsv } from '../../../../../src/core/csv/parser';
import type { Timeframe } from '../../../../../src/core/intervals';
import type { ContractFilter } from '../../../../../src/core/market';
import { writeContextRange } from '../../../../../src/storage/context-repo';
import type { LiqLabDB } from '../../../../../src/storage/schema';
import { writeLiqRange } from '../../../../../src/storage/series-repo';
import { exportBars } from '../../../../../src/workers/fetch/csv/export-bars';
import { freshDb, importInto } from './helpers';

const H = 3600;
/** 2024-06-03T00:00:00Z: a whole day, so 1h and 4h bars start together. */
const T0 = 1_717_372_800;
const NaN_ = Number.NaN;
/** Open interest closes per hour (USD); NaN: the API left the hour out (a gap). */
const OI: Record<string, number[]> = {
  'BTCUSDT_PERP.A': [10e9, 11e9, 12e9, 13e9, 14e9, 15e9],
  'BTCUSD_PERP.A': [5e9, 5.5e9, 6e9, NaN_, 7e9, 7.5e9],
  'BTCUSDT_PERP.3': [2e9, 2e9, 3e9, 3e9, 4e9, 4e9],
};
/** Funding per hour (%); NaN: none stored. */
const FUNDING: Record<string, number[]> = {
  'BTCUSDT_PERP.A': [0.01, 0.012, 0.014, 0.01, 0.008, 0.006],
  'BTCUSD_PERP.A': [-0.005, -0.004, 0.002, 0.003, 0.004, 0.005],
  'BTCUSDT_PERP.3': [0.02, 0.02, NaN_, 0.03, 0.03, 0.03],
};
const PREDICTED = [0.011, 0.013, 0.015, 0.011, 0.009, 0.007]; // BTCUSDT_PERP.A only

async function seeded(): Promise<IDBPDatabase<LiqLabDB>> {
  const db = await freshDb();
  for (const symbol of Object.keys(OI)) {
    await db.put('markets', marketFromSymbol(symbol));
    // Liquidations over 8 hours: the last two bars have no open interest or funding at all.
    await writeLiqRange(db, symbol, '1hour', T0, T0 + 8 * H, [{ t: T0, l: 1, s: 2 }]);
    const ohlc = (xs: number[]) =>
      xs.flatMap((c, h) => (Number.isNaN(c) ? [] : [{ t: T0 + h * H, o: c, h: c, l: c, c }]));
    await writeContextRange(db, 'oi', symbol, '1hour', T0, T0 + 6 * H, ohlc(OI[symbol] ?? []));
    await writeContextRange(db, 'funding', symbol, '1hour', T0, T0 + 6 * H, ohlc(FUNDING[symbol] ?? []));
  }
  await writeContextRange(db, 'predicted', 'BTCUSDT_PERP.A', '1hour', T0, T0 + 6 * H, [
    ...PREDICTED.map((c, h) => ({ t: T0 + h * H, o: c, h: c, l: c, c })),
  ]);
  return db;
}

async function barsText(db: IDBPDatabase<LiqLabDB>, timeframe: Timeframe, filter: ContractFilter) {
  const parts: Uint8Array[] = [];
  await exportBars(
    db,
    {
      kind: 'bars',
      source: 'archive',
      asset: 'BTC',
      timeframe,
      filter,
      referenceSymbol: 'BTCUSDT_PERP.A',
      from: null,
      to: null,
    },
    async (b) => {
      parts.push(b);
    },
    () => {},
    async () => {},
  );
  return Buffer.concat(parts).toString('utf8');
}

/** The four context cells per row, as numbers (NaN for an empty cell). */
function contextCells(text: string): number[][] {
  const [header, ...rows] = parseCsv(text);
  const at = (header ?? []).indexOf('oi_usd');
  return rows.map((r) => r.slice(at, at + 4).map((c) => (c === '' ? NaN_ : Number(c))));
}

/** Open interest summed, its change (empty where the contracts summed differ) and OI-weighted rates, per hour. */
function expected(symbols: string[], hours: number): number[][] {
  const rows: number[][] = [];
  let prev: { sum: number; n: number } | null = null;
  for (let h = 0; h < hours; h++) {
    const have = symbols.filter((s) => Number.isFinite(OI[s]?.[h] ?? NaN_));
    const sum = have.length ? have.reduce((a, s) => a + (OI[s]?.[h] ?? 0), 0) : NaN_;
    const change = prev && prev.n === have.length && have.length > 0 ? sum - prev.sum : NaN_;
    const weighted = (rate: (s: string) => number) => {
      let num = 0;
      let den = 0;
      for (const s of have)
        if (Number.isFinite(rate(s))) {
          num += rate(s) * (OI[s]?.[h] ?? 0);
          den += OI[s]?.[h] ?? 0;
        }
      return den > 0 ? num / den : NaN_;
    };
    const predicted = (s: string) => (s === 'BTCUSDT_PERP.A' ? (PREDICTED[h] ?? NaN_) : NaN_);
    rows.push([sum, change, weighted((s) => FUNDING[s]?.[h] ?? NaN_), weighted(predicted)]);
    prev = { sum, n: have.length };
  }
  return rows;
}

function expectRows(got: number[][], want: number[][]): void {
  expect(got).toHaveLength(want.length);
  for (const [i, row] of got.entries())
    for (const [k, x] of row.entries()) {
      const w = want[i]?.[k] ?? NaN_;
      if (Number.isNaN(w)) expect(x, `row ${i} cell ${k}`).toBeNaN();
      else
        expect(Math.abs(x - w), `row ${i} cell ${k}: ${x} vs ${w}`).toBeLessThanOrEqual(Math.abs(w) * 1e-12);
    }
}

describe('bars CSV market-context columns', () => {
  it('hold open interest summed over the filter at each bar’s close, its change, and OI-weighted funding; empty where unknown', async () => {
    const db = await seeded();
    const text = await barsText(db, '1h', { kind: 'all' });
    expect(text.split('\n')[0]).toBe(`${BARS_HEADER},${BARS_CONTEXT_COLUMNS}`);
    const got = contextCells(text);
    // Hours 6 and 7: liquidations but no open interest or funding stored: four empty cells each.
    expectRows(got, [...expected(Object.keys(OI), 6), [NaN_, NaN_, NaN_, NaN_], [NaN_, NaN_, NaN_, NaN_]]);
    // Hour 3: BTCUSD_PERP.A is a gap, so the sum is of two contracts and the change on both sides is empty.
    expect(got[3]?.[0]).toBe(13e9 + 3e9);
    expect(got[3]?.[1]).toBeNaN();
    expect(got[4]?.[1]).toBeNaN();
    expect(got[5]?.[1]).toBe(15e9 + 7.5e9 + 4e9 - (14e9 + 7e9 + 4e9));
    db.close();
  });

  it('follow the contract filter: one exchange sums only its contracts', async () => {
    const db = await seeded();
    const got = contextCells(await barsText(db, '1h', { kind: 'exchange', exchange: 'A' }));
    expectRows(got.slice(0, 6), expected(['BTCUSDT_PERP.A', 'BTCUSD_PERP.A'], 6));
    db.close();
  });

  it('on coarser bars take the level at the bar’s close (the last hour), as the OI pane does', async () => {
    const db = await seeded();
    const got = contextCells(await barsText(db, '4h', { kind: 'all' }));
    const hourly = expected(Object.keys(OI), 6);
    // 00–04 closes with hour 3's bucket; 04–08 would close with hour 7's, which is not stored: empty.
    expect(got[0]?.[0]).toBe(hourly[3]?.[0]);
    expect(got[0]?.[2]).toBeCloseTo(hourly[3]?.[2] ?? NaN_, 14);
    expect(got[1]).toEqual([NaN_, NaN_, NaN_, NaN_]);
    db.close();
  });

  it('a bars file with them imports back, and so does one from before them', async () => {
    const db = await seeded();
    const text = await barsText(db, '1h', { kind: 'all' });
    const b = await freshDb();
    const first = await importInto(b, text, { format: 'bars' });
    expect(first.batch.fatal).toBeNull();
    expect(first.batch.rejectedCount).toBe(0);
    // The same rows without the five columns (a file exported before them).
    const old = parseCsv(text)
      .map((r) => [...r.slice(0, 18), ...r.slice(23)].join(','))
      .join('\n');
    expect(old.split('\n')[0]).toBe(BARS_HEADER);
    const c = await freshDb();
    const second = await importInto(c, `${old}\n`, { format: 'bars' });
    expect(second.batch.fatal).toBeNull();
    expect(second.batch.rejectedCount).toBe(0);
    expect(second.batch.rows).toBe(first.batch.rows);
    // A row with the wrong number of fields for its header is refused by line.
    const short = text.replace(/\n([^\n]*),[^,\n]*\n/, '\n$1\n');
    const third = await importInto(await freshDb(), short, { format: 'bars' });
    expect(third.batch.rejected[0]?.reason).toBe('expected 23 fields, found 22');
    expect(barsHeader(['A'])).toBe(`${BARS_HEADER},${BARS_CONTEXT_COLUMNS},ex_A_long_usd,ex_A_short_usd`);
    db.close();
  });
});
