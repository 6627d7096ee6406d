import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../../../src/core/csv/detect';
import { importText } from '../../../../src/core/csv/session';
import type { Market } from '../../../../src/core/market';
import { ALL_CONTRACTS } from '../../../../src/core/market';
import { openLiqLabDb } from '../../../../src/storage/open';
import { writeCandles, writeLiqRange } from '../../../../src/storage/series-repo';
import { loadFrame } from '../../../../src/workers/compute/frame-loader';
import { applyBatch } from '../../../../src/workers/fetch/csv/apply';

const market: Market = {
  symbol: 'BTCUSDT_PERP.A',
  exchange: 'A',
  symbolOnExchange: 'BTCUSDT',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  isPerpetual: true,
  expireAt: null,
  margined: 'STABLE',
  denominatedIn: 'BASE_ASSET',
  hasOhlcv: true,
};
const DAY = 86400;
const T0 = 1_717_200_000 - (1_717_200_000 % DAY);

describe('loadFrame stitching', () => {
  it('uses 5m data where it exists and hourly data before it, and says where history begins', async () => {
    const db = await openLiqLabDb('stitch-test');
    await db.put('markets', market);
    // hourly for two days, 5m only for the second day
    const hourly = Array.from({ length: 48 }, (_, i) => ({ t: T0 + i * 3600, l: 100, s: 50 }));
    await writeLiqRange(db, market.symbol, '1hour', T0, T0 + 2 * DAY, hourly);
    const fine = Array.from({ length: 288 }, (_, i) => ({ t: T0 + DAY + i * 300, l: 10, s: 1 }));
    await writeLiqRange(db, market.symbol, '5min', T0 + DAY, T0 + 2 * DAY, fine);
    await writeCandles(
      db,
      market.symbol,
      '1hour',
      T0,
      T0 + 2 * DAY,
      hourly.map((p) => ({ t: p.t, o: 1, h: 2, l: 0.5, c: 1.5, v: 1 })),
    );
    const r = await loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe: '1h',
      filter: ALL_CONTRACTS,
      referenceSymbol: market.symbol,
    });
    expect(r.frame.liq.long.length).toBe(48);
    expect(r.frame.liq.long[0]).toBe(100); // from hourly data
    expect(r.frame.liq.long[30]).toBe(120); // 12 × 10 from 5m data
    expect(r.historyStart).toBe(T0);
    expect(r.notice).toMatch(/built from 1hour data/);
    const m5 = await loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe: '5m',
      filter: ALL_CONTRACTS,
      referenceSymbol: market.symbol,
    });
    expect(m5.historyStart).toBe(T0 + DAY); // 5m cannot use hourly data: its history starts with the 5m data
    db.close();
  });
});

describe('the open bar', () => {
  const frame = (db: Awaited<ReturnType<typeof openLiqLabDb>>, timeframe: '15m' | '1h') =>
    loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe,
      filter: ALL_CONTRACTS,
      referenceSymbol: market.symbol,
    });

  it('is the sum of the live 1-minute buckets so far, not a coarser interval fetched earlier in the bar', async () => {
    const db = await openLiqLabDb('open-bar-test');
    await db.put('markets', market);
    const hour = T0 + 6 * 3600;
    // The 1hour series was fetched at 06:00:05: its open bucket (coverage to 07:00) held nothing yet.
    const hours = Array.from({ length: 6 }, (_, i) => ({ t: T0 + i * 3600, l: 100, s: 50 }));
    await writeLiqRange(db, market.symbol, '1hour', T0, hour + 3600, hours);
    // The 15min series, refreshed at 06:05, has the open 06:00 bucket as it was then.
    await writeLiqRange(db, market.symbol, '15min', hour - 3600, hour + 900, [{ t: hour, l: 444, s: 526 }]);
    // 1m polled live up to 06:17 (coverage runs to the end of the open minute), with a $25M flush at 06:02.
    const minutes = Array.from({ length: 78 }, (_, i) => ({
      t: hour - 3600 + i * 60,
      l: i === 62 ? 25_000_000 : 1_000,
      s: 500,
    }));
    await writeLiqRange(db, market.symbol, '1min', hour - 3600, hour + 18 * 60, minutes);
    const h1 = await frame(db, '1h');
    const last = h1.frame.liq.long.length - 1;
    expect(h1.frame.start + last * 3600).toBe(hour);
    expect(h1.frame.liq.covered[last]).toBe(1);
    expect(h1.frame.liq.long[last]).toBe(25_000_000 + 17 * 1_000);
    expect(h1.frame.liq.short[last]).toBe(18 * 500);
    // The closed hour before it is whole in every source; 1m, the finest, supplies it.
    expect(h1.frame.liq.long[last - 1]).toBe(60 * 1_000);
    const m15 = await frame(db, '15m');
    const open15 = m15.frame.liq.long.length - 1;
    expect(m15.frame.start + open15 * 900).toBe(hour + 900);
    expect(m15.frame.liq.covered[open15]).toBe(1);
    expect(m15.frame.liq.long[open15]).toBe(3 * 1_000); // 06:15–06:17 so far
    expect(m15.frame.liq.long[open15 - 1]).toBe(25_000_000 + 14 * 1_000); // 06:00–06:14, closed
    db.close();
  });
});

describe('candles of an imported file', () => {
  const name = 'coinglass-binance-btc-1h.csv';
  const text = readFileSync(path.resolve(import.meta.dirname, '../../../fixtures', name), 'utf8');
  const AGG = 'CSV_AGG_COINGLASS_BINANCE_BTC_1H';

  async function imported(db: Awaited<ReturnType<typeof openLiqLabDb>>) {
    const m = sniff(text, name).mapping;
    if (!m) throw new Error('no mapping');
    const batch = importText(text, { format: 'generic', mapping: m });
    expect(batch.rejectedCount).toBe(0);
    await applyBatch(db, batch, true);
  }

  it('are drawn when the archive holds only the import (the reference market has no candles)', async () => {
    const db = await openLiqLabDb('import-only');
    await imported(db);
    const r = await loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe: '1h',
      filter: ALL_CONTRACTS,
      referenceSymbol: 'BTCUSDT_PERP.A',
    });
    const f = r.frame;
    expect(f.liq.long.length).toBe(1465);
    const withCandle = f.candles.close.filter((x) => !Number.isNaN(x)).length;
    expect(withCandle).toBe(1446);
    // The 19 hours the file lacks: no candle and outside coverage (a gap), never a covered zero.
    for (let i = 0; i < f.liq.long.length; i++)
      expect(Number.isNaN(f.candles.close[i] ?? Number.NaN)).toBe(f.liq.covered[i] === 0);
    // First row of the file: 2024-06-19T21:00:00Z, open 64850.4, $844.15 of longs.
    expect(f.start).toBe(Date.parse('2024-06-19T21:00:00Z') / 1000);
    expect(f.candles.open[0]).toBe(64850.4);
    expect(f.liq.long[0]).toBe(844.15);
    db.close();
  });

  it('fill only the buckets the reference lacks; with the aggregate chosen alone, its own come first', async () => {
    const db = await openLiqLabDb('import-and-reference');
    await imported(db);
    const t = Date.parse('2024-06-19T21:00:00Z') / 1000;
    await writeCandles(db, 'BTCUSDT_PERP.A', '1hour', t, t + 3600, [{ t, o: 1, h: 2, l: 0.5, c: 1.5, v: 9 }]);
    const all = await loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe: '1h',
      filter: ALL_CONTRACTS,
      referenceSymbol: 'BTCUSDT_PERP.A',
    });
    expect(all.frame.candles.open[0]).toBe(1);
    expect(all.frame.candles.open[1]).toBe(64973);
    const alone = await loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe: '1h',
      filter: { kind: 'exchange', exchange: AGG },
      referenceSymbol: 'BTCUSDT_PERP.A',
    });
    expect(alone.frame.candles.open[0]).toBe(64850.4);
    // A margin filter does not select a mixed-margin aggregate: neither its liquidations nor its candles.
    const coin = await loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe: '1h',
      filter: { kind: 'margin', margin: 'STABLE' },
      referenceSymbol: 'BTCUSDT_PERP.A',
    });
    expect(coin.notice).toBe('No data stored yet');
    db.close();
  });
});
