import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../../../../src/core/csv/detect';
import type { GenericMapping } from '../../../../../src/core/csv/mapping';
import { readLiqSum } from '../../../../../src/storage/series-repo';
import { freshDb, importInto } from './helpers';

const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
// The main checkout sits next to shared/; a worktree under wt/ is one level deeper.
const real =
  [
    path.resolve(repoRoot, '..', 'shared', 'data', 'real'),
    path.resolve(repoRoot, '..', '..', 'shared', 'data', 'real'),
  ].find((p) => existsSync(p)) ?? path.resolve(repoRoot, '..', 'shared', 'data', 'real');
const read = (f: string) => readFileSync(path.join(real, f), 'utf8');
const F2A = 'coinalyze_btc_perps_multiexchange_liq_usd_daily_2022-01_2024-09.csv';
const F2B = 'binance_btcusdt_spot_ohlcv_1d_2018-01_2025-11.csv';
const F3A = 'coinalyze_binance_btcusdt_perp_liq_btc_1h_2024-06_2024-08.csv';
const F3B = 'coinalyze_binance_btcusdt_perp_ohlcv_1h_2024-06_2024-08.csv';
const F4 = 'coinalyze_binance_btcusdt_perp_liq_btc_daily_2020-04_2025-04.csv';
const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 1000;

function detected(file: string): GenericMapping {
  const s = sniff(read(file).slice(0, 256 * 1024), file, false);
  expect(s.format).toBe('generic');
  if (!s.mapping) throw new Error(`no mapping for ${file}: ${s.unsure.join('; ')}`);
  return s.mapping;
}

describe('real files through the generic path', () => {
  it('2a: 12 contracts in USD, daily, out-of-order tail sorted; largest days match the README', async () => {
    const m = detected(F2A);
    expect(m.timeUnit).toBe('iso');
    expect(m.interval).toBe('daily');
    expect(m.amountUnit).toBe('usd');
    expect(m.pairs.map((p) => p.symbol).sort()).toEqual(
      [
        'BTCUSD.6',
        'BTCUSD_PERP.3',
        'BTCUSD_PERP.4',
        'BTCUSD_PERP.A',
        'BTCUSDT.6',
        'BTCUSDT_PERP.0',
        'BTCUSDT_PERP.3',
        'BTCUSDT_PERP.4',
        'BTCUSDT_PERP.A',
        'BTCUSDT_PERP.F',
        'BTC-PERPETUAL.2',
        'BTCUSD_PERP.0',
      ].sort(),
    );
    const db = await freshDb();
    const { batch } = await importInto(db, read(F2A), { format: 'generic', mapping: m });
    expect(batch.rows).toBe(993);
    expect(batch.rejectedCount).toBe(0);
    const symbols = m.pairs.map((p) => p.symbol);
    const sum = await readLiqSum(db, symbols, 'daily', day('2022-01-02'), day('2024-09-21'));
    const at = (d: string) => {
      const i = (day(d) - sum.start) / sum.step;
      return [Math.round((sum.long[i] ?? 0) / 1e6), Math.round((sum.short[i] ?? 0) / 1e6)];
    };
    expect(at('2023-08-17')).toEqual([347, 98]);
    expect(at('2024-08-05')).toEqual([222, 107]);
    expect(at('2022-01-21')).toEqual([229, 37]);
    expect(at('2022-06-13')).toEqual([186, 72]);
    expect(at('2024-03-05')).toEqual([162, 69]);
    expect(at('2022-11-09')).toEqual([93, 33]);
    expect(sum.covered.every((c) => c === 1)).toBe(true);
    const again = await importInto(db, read(F2A), { format: 'generic', mapping: m });
    expect(again.diff?.newPoints).toBe(0);
    expect(again.diff?.overwritten).toBe(0);
  });

  it('3b + 3a: UTC+6 labels shifted by the chosen offset; BTC converted with the hourly candles', async () => {
    const db = await freshDb();
    const candles = detected(F3B);
    expect(candles.hasHeader).toBe(false);
    expect(candles.timeUnit).toBe('naive');
    const c = await importInto(db, read(F3B), {
      format: 'generic',
      mapping: { ...candles, utcOffsetHours: 6 },
    });
    expect(c.batch.rejectedCount).toBe(0);
    const liq = detected(F3A);
    expect(liq.interval).toBe('1hour');
    expect(liq.amountUnit).toBe('coin');
    // Nothing in a headerless file names its contract: it is proposed as an aggregate (covering the exchange its
    // name mentions) and the user, who knows it is Binance's perpetual, corrects it.
    expect(liq.pairs.map((p) => p.symbol)).toEqual([
      'CSV_AGG_COINALYZE_BINANCE_BTCUSDT_PERP_LIQ_BTC_1H_2024',
    ]);
    expect(liq.covers).toEqual(['A']);
    expect(liq.omitted).toBe('zero');
    const { batch } = await importInto(db, read(F3A), {
      format: 'generic',
      mapping: {
        ...liq,
        utcOffsetHours: 6,
        pairs: liq.pairs.map((p) => ({ ...p, symbol: 'BTCUSDT_PERP.A' })),
      },
    });
    expect(batch.rows).toBe(1465);
    expect(batch.duplicates).toBe(19);
    expect(batch.rejectedCount).toBe(0);
    const t = Date.parse('2024-07-04T23:00:00Z') / 1000;
    const s = await readLiqSum(db, ['BTCUSDT_PERP.A'], '1hour', t, t + 3600);
    const ch = c.batch.series.get('candle|BTCUSDT_PERP.A|1hour');
    const k = [...(ch?.t ?? [])].indexOf(t);
    const mid = ((ch?.cols[1]?.[k] ?? 0) + (ch?.cols[2]?.[k] ?? 0)) / 2;
    expect((s.long[0] ?? 0) / mid).toBeCloseTo(742.9, 1);
    const first = await readLiqSum(
      db,
      ['BTCUSDT_PERP.A'],
      '1hour',
      0,
      Date.parse('2024-08-19T22:00:00Z') / 1000,
    );
    const covered = [...first.covered].map((x, i) => (x ? first.start + i * 3600 : 0)).filter((x) => x);
    expect(new Date((covered[0] ?? 0) * 1000).toISOString()).toBe('2024-06-19T21:00:00.000Z');
    expect(covered.length).toBe(1465 - 19 + 19); // 1,446 distinct hours plus the 19 missing ones as zeros
  });

  it('2b + 4: daily spot candles, then daily BTC liquidations converted to USD', async () => {
    const db = await freshDb();
    const cm = detected(F2B);
    expect(cm.timeUnit).toBe('iso');
    expect(cm.candles).toMatchObject({ open: 1, high: 2, low: 3, close: 4, volume: 5 });
    const c = await importInto(db, read(F2B), { format: 'generic', mapping: cm });
    expect(c.batch.rows).toBe(2869);
    expect(c.batch.rejectedCount).toBe(0);
    const m = detected(F4);
    expect(m.pairs).toHaveLength(1);
    expect(m.pairs[0]?.symbol).toMatch(/^CSV_AGG_COINALYZE_BINANCE/);
    expect(m.amountUnit).toBe('coin');
    const mapping = { ...m, pairs: m.pairs.map((p) => ({ ...p, symbol: 'BTCUSDT_PERP.A' })) };
    const { batch } = await importInto(db, read(F4), { format: 'generic', mapping });
    expect(batch.rows).toBe(1841);
    expect(batch.rejectedCount).toBe(0);
    const s = await readLiqSum(db, ['BTCUSDT_PERP.A'], 'daily', day('2021-05-19'), day('2021-05-20'));
    const mid = (c.batch.series.get('candle|BTCUSDT_PERP.A|daily')?.cols ?? []).length;
    expect(mid).toBe(5);
    expect(s.long[0] ?? 0).toBeGreaterThan(1883 * 30_000);
    expect(s.long[0] ?? 0).toBeLessThan(1884 * 43_000);
  });
});
