import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../../../src/core/csv/detect';
import { parseCsv } from '../../../../src/core/csv/parser';
import { frameLayers, OTHER_LAYER, rankLayers, stackLayers } from '../../../../src/core/exchange-stack';
import { ALL_CONTRACTS, type ContractFilter } from '../../../../src/core/market';
import type { BarFrame } from '../../../../src/core/series';
import { writeLiqRange } from '../../../../src/storage/series-repo';
import { loadFrame } from '../../../../src/workers/compute/frame-loader';
import { exportBars } from '../../../../src/workers/fetch/csv/export-bars';
import { testMarket } from '../../../helpers/markets';
import { freshDb, importInto } from '../fetch/csv/helpers';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const real =
  [
    path.resolve(repoRoot, '..', 'shared', 'data', 'real'),
    path.resolve(repoRoot, '..', '..', 'shared', 'data', 'real'),
  ].find((p) => existsSync(p)) ?? path.resolve(repoRoot, '..', 'shared', 'data', 'real');
const F2A = 'coinalyze_btc_perps_multiexchange_liq_usd_daily_2022-01_2024-09.csv';

/** Per-exchange sums equal the aggregate at every known bar; at a gap every exchange is a gap holding nothing. */
function expectBreakdownSums(frame: BarFrame, label: string): void {
  const ex = frame.exchanges;
  if (!ex) throw new Error(`${label}: no breakdown`);
  const n = frame.liq.long.length;
  for (const e of ex) expect(e.liq.long.length, label).toBe(n);
  const layers = frameLayers(frame);
  for (let i = 0; i < n; i++) {
    for (const side of ['long', 'short'] as const) {
      const agg = frame.liq[side][i] ?? Number.NaN;
      const sum = ex.reduce((s, e) => s + (e.liq[side][i] ?? Number.NaN), 0);
      const stacked = layers.reduce((s, l) => s + (l[side][i] ?? Number.NaN), 0);
      if (frame.liq.covered[i]) {
        expect(Math.abs(sum - agg), `${label} bar ${i} ${side}`).toBeLessThanOrEqual(1e-9 * Math.max(1, agg));
        expect(Math.abs(stacked - agg), `${label} bar ${i} ${side} stacked`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, agg),
        );
      } else {
        expect(sum, `${label} gap bar ${i} ${side}`).toBe(0);
        for (const e of ex) expect(e.liq.covered[i], `${label} gap bar ${i} ${e.exchange}`).toBe(0);
      }
    }
  }
}

describe('per-exchange breakdown on real data (file 2a: 12 contracts on 7 exchanges, daily)', () => {
  it('sums to the aggregate every bar, and each exchange equals its own exchange filter bit for bit', async () => {
    const text = readFileSync(path.join(real, F2A), 'utf8');
    const mapping = sniff(text.slice(0, 256 * 1024), F2A, false).mapping;
    if (!mapping) throw new Error('no mapping for file 2a');
    const db = await freshDb();
    const { batch } = await importInto(db, text, { format: 'generic', mapping });
    expect(batch.rejectedCount).toBe(0);
    const request = (filter: ContractFilter, timeframe: '1D' = '1D') => ({
      source: 'archive' as const,
      asset: 'BTC',
      timeframe,
      filter,
      referenceSymbol: 'BTCUSDT_PERP.A',
      byExchange: true,
    });
    const all = (await loadFrame(db, request(ALL_CONTRACTS))).frame;
    expect(all.exchanges?.map((e) => e.exchange)).toEqual(['0', '2', '3', '4', '6', 'A', 'F']);
    expect(all.liq.long.length).toBeGreaterThan(990);
    expectBreakdownSums(all, 'all');
    for (const e of all.exchanges ?? []) {
      const alone = (await loadFrame(db, request({ kind: 'exchange', exchange: e.exchange }))).frame;
      const off = (alone.start - all.start) / all.step;
      for (let i = 0; i < alone.liq.long.length; i++)
        if (alone.liq.covered[i]) {
          expect(e.liq.long[i + off], `${e.exchange} bar ${i}`).toBe(alone.liq.long[i]);
          expect(e.liq.short[i + off], `${e.exchange} bar ${i}`).toBe(alone.liq.short[i]);
        }
    }
    // The filter decides which exchanges there are: COIN-margined contracts exist on 6 of the 7.
    const coin = (await loadFrame(db, request({ kind: 'margin', margin: 'COIN' }))).frame;
    expect(coin.exchanges?.map((e) => e.exchange)).toEqual(['0', '2', '3', '4', '6', 'A']);
    expectBreakdownSums(coin, 'COIN');
    // Six exchanges on their own and Bitfinex, the smallest, as "Other" only when there are more than seven.
    const membership = rankLayers(all.exchanges ?? [], 7);
    expect(membership.flat().sort()).toEqual(['0', '2', '3', '4', '6', 'A', 'F']);
    const five = stackLayers(all.exchanges ?? [], rankLayers(all.exchanges ?? [], 5));
    expect(five.map((l) => l.key).slice(-1)).toEqual([OTHER_LAYER]);
    expect(five[4]?.exchanges).toHaveLength(3);
    db.close();
  }, 30_000); // imports a real year of 12 contracts: ~2 s alone, longer on a loaded runner
});

/** A USDT perpetual without candles. */
const market = (symbol: string, exchange: string) =>
  testMarket(symbol, exchange, 'STABLE', { hasOhlcv: false });

const H = 3600;
const T0 = 1_717_200_000 - (1_717_200_000 % 86400);
const pts = (from: number, to: number, k: number) =>
  Array.from({ length: to - from }, (_, j) => ({
    t: T0 + (from + j) * H,
    l: k * (from + j) + 0.3,
    s: k + j / 7,
  }));

describe('per-exchange breakdown with gaps', () => {
  async function seeded() {
    const db = await freshDb();
    for (const m of [market('A1', 'A'), market('B1', 'B'), market('B2', 'B')]) await db.put('markets', m);
    // A1: hours 0–20 and 26–48. B1: hours 0–10 and 26–48, B2 only 30–48. Hours 20–26 are a gap for everyone.
    await writeLiqRange(db, 'A1', '1hour', T0, T0 + 20 * H, pts(0, 20, 3));
    await writeLiqRange(db, 'A1', '1hour', T0 + 26 * H, T0 + 48 * H, pts(26, 48, 3));
    await writeLiqRange(db, 'B1', '1hour', T0, T0 + 10 * H, pts(0, 10, 5));
    await writeLiqRange(db, 'B1', '1hour', T0 + 26 * H, T0 + 48 * H, pts(26, 48, 5));
    await writeLiqRange(db, 'B2', '1hour', T0 + 30 * H, T0 + 48 * H, pts(30, 48, 11));
    return db;
  }

  it('keeps gaps as gaps: the aggregate’s gap in every exchange, an exchange’s own hole as not covered', async () => {
    const db = await seeded();
    const r = await loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe: '1h',
      filter: ALL_CONTRACTS,
      referenceSymbol: 'A1',
      byExchange: true,
    });
    const f = r.frame;
    expectBreakdownSums(f, '1h');
    const [a, b] = f.exchanges ?? [];
    expect([a?.exchange, b?.exchange]).toEqual(['A', 'B']);
    for (let i = 20; i < 26; i++) expect(f.liq.covered[i]).toBe(0);
    for (let i = 10; i < 20; i++) {
      expect(f.liq.covered[i]).toBe(1);
      expect(a?.liq.covered[i]).toBe(1);
      expect(b?.liq.covered[i]).toBe(0); // B has no data there: not a covered zero
    }
    // B2 starts at hour 30, but B1 covers B from 26 on: B is covered (a bucket counts when any contract covers it).
    expect(b?.liq.covered[27]).toBe(1);
    expect(b?.liq.long[35]).toBeCloseTo(5 * 35 + 0.3 + 11 * 35 + 0.3, 9);
    // 4h bars: the bar holding hours 8–12 is complete for A but only part-covered for B.
    const h4 = (
      await loadFrame(db, {
        source: 'archive',
        asset: 'BTC',
        timeframe: '4h',
        filter: ALL_CONTRACTS,
        referenceSymbol: 'A1',
        byExchange: true,
      })
    ).frame;
    expectBreakdownSums(h4, '4h');
    expect(h4.liq.covered[2]).toBe(1);
    expect(h4.exchanges?.[1]?.liq.covered[2]).toBe(0);
    expect(h4.exchanges?.[1]?.liq.long[2]).toBeGreaterThan(0);
    db.close();
  }, 30_000); // the same import

  it('bars CSV: per-exchange columns add up to the totals; empty where the exchange has nothing known', async () => {
    const db = await seeded();
    const parts: Uint8Array[] = [];
    await exportBars(
      db,
      {
        kind: 'bars',
        source: 'archive',
        asset: 'BTC',
        timeframe: '1h',
        filter: ALL_CONTRACTS,
        referenceSymbol: 'A1',
        exchangeColumns: true,
        from: null,
        to: null,
      },
      async (b) => {
        parts.push(b.slice());
      },
      () => {},
      async () => {},
    );
    const text = Buffer.concat(parts).toString('utf8');
    const rows = parseCsv(text);
    const head = rows[0] ?? [];
    expect(head.slice(-4)).toEqual(['ex_A_long_usd', 'ex_A_short_usd', 'ex_B_long_usd', 'ex_B_short_usd']);
    const col = (name: string) => head.indexOf(name);
    const body = rows.slice(1);
    // Gap hours have neither candles nor liquidations, so they are not written at all.
    expect(body).toHaveLength(42);
    for (const r of body) {
      const hour = (Number(r[col('unix')]) - T0) / H;
      const cell = (c: string) => r[col(c)] ?? '';
      const num = (c: string) => (cell(c) === '' ? 0 : Number(cell(c)));
      for (const side of ['long', 'short'])
        expect(num(`ex_A_${side}_usd`) + num(`ex_B_${side}_usd`), `hour ${hour}`).toBeCloseTo(
          Number(cell(`${side}_usd`)),
          6,
        );
      expect(cell('ex_B_long_usd') === '', `hour ${hour}`).toBe(hour >= 10 && hour < 20);
    }
    // The file imports back as a bars file (its per-exchange columns are a breakdown, not stored).
    expect(sniff(text, 'bars.csv').format).toBe('bars');
    const again = await freshDb();
    const { batch } = await importInto(again, text, { format: 'bars' });
    expect(batch.fatal).toBe(null);
    expect(batch.rejectedCount).toBe(0);
    expect(batch.rows).toBe(42);
    db.close();
    again.close();
  }, 30_000); // the same import
});
