/**
 * The bundled demo data (real Binance BTCUSDT perpetual, 1h bars) stored in a fresh archive database, optionally
 * only up to some bar: what a live archive would hold at that moment, so the leader's analyzers see that history.
 */
import type { IDBPDatabase } from 'idb';
import { decodeDemoAsset } from '../../../src/core/demo/asset';
import type { Market } from '../../../src/core/market';
import { openLiqLabDb } from '../../../src/storage/open';
import type { LiqLabDB } from '../../../src/storage/schema';
import { writeCandles, writeLiqRange } from '../../../src/storage/series-repo';

/** The asset the app ships. */
export const DEMO_ASSET = '/demo/btcusdt-perp-1h.bin';
/** Market whose candles the demo draws. */
export const DEMO_SYMBOL = 'BTCUSDT_PERP.A';

let count = 0;

/** A new database holding the demo's first `bars` bars (all of them when omitted). */
export async function demoArchive(bars?: number): Promise<IDBPDatabase<LiqLabDB>> {
  const response = await fetch(DEMO_ASSET);
  if (!response.ok) throw new Error(`demo asset: HTTP ${response.status}`);
  const a = decodeDemoAsset(await response.arrayBuffer());
  const n = Math.min(bars ?? a.close.length, a.close.length);
  const db = await openLiqLabDb(`demo-archive-${Date.now()}-${count++}`);
  const market: Market = {
    symbol: a.meta.symbol,
    exchange: a.meta.exchange,
    symbolOnExchange: 'BTCUSDT',
    baseAsset: 'BTC',
    quoteAsset: 'USDT',
    isPerpetual: true,
    expireAt: null,
    margined: a.meta.margined,
    denominatedIn: 'BASE_ASSET',
    hasOhlcv: true,
  };
  const times = Array.from({ length: n }, (_, i) => a.start + i * a.step);
  const to = a.start + n * a.step;
  await db.put('markets', market);
  await writeLiqRange(
    db,
    market.symbol,
    '1hour',
    a.start,
    to,
    times.map((t, i) => ({ t, l: a.longUsd[i] ?? 0, s: a.shortUsd[i] ?? 0 })),
  );
  const at = (arr: Float64Array, i: number) => arr[i] ?? Number.NaN;
  await writeCandles(
    db,
    market.symbol,
    '1hour',
    a.start,
    to,
    times.map((t, i) => ({
      t,
      o: at(a.open, i),
      h: at(a.high, i),
      l: at(a.low, i),
      c: at(a.close, i),
      v: at(a.volume, i),
    })),
  );
  return db;
}
