import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../../../src/core/market';
import { ALL_CONTRACTS } from '../../../../src/core/market';
import { openLiqLabDb } from '../../../../src/storage/open';
import { writeCandles, writeLiqRange } from '../../../../src/storage/series-repo';
import { loadFrame } from '../../../../src/workers/compute/frame-loader';

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
      timeframe: '5m',
      filter: ALL_CONTRACTS,
      referenceSymbol: market.symbol,
    });
    expect(m5.historyStart).toBe(T0 + DAY); // 5m cannot use hourly data: its history starts with the 5m data
    db.close();
  });
});
