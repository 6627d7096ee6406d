/** Writes the bundled demo asset into the demo database (once per asset version). */
import type { IDBPDatabase } from 'idb';
import { type DemoLoad, decodeDemoAsset } from '../../core/demo/asset';
import type { Market } from '../../core/market';
import { readKv, writeKv } from '../../storage/kv-repo';
import type { LiqLabDB } from '../../storage/schema';
import { type CandlePoint, type LiqPoint, writeCandles, writeLiqRange } from '../../storage/series-repo';

/** Fetches, decodes and stores the demo asset unless this version is already stored. */
export async function ensureDemo(db: IDBPDatabase<LiqLabDB>, assetUrl: string): Promise<DemoLoad> {
  const done = await readKv(db, 'demo:loaded', null);
  if (done) return { ...done, loaded: false };
  const response = await fetch(assetUrl);
  if (!response.ok) throw new Error(`demo data: HTTP ${response.status} for ${assetUrl}`);
  const asset = decodeDemoAsset(await response.arrayBuffer());
  const n = asset.close.length;
  const from = asset.start;
  const to = asset.start + n * asset.step;
  const market: Market = {
    symbol: asset.meta.symbol,
    exchange: asset.meta.exchange,
    symbolOnExchange: 'BTCUSDT',
    baseAsset: 'BTC',
    quoteAsset: 'USDT',
    isPerpetual: true,
    expireAt: null,
    margined: asset.meta.margined,
    denominatedIn: 'BASE_ASSET',
    hasOhlcv: true,
  };
  const liq: LiqPoint[] = [];
  const candles: CandlePoint[] = [];
  for (let i = 0; i < n; i++) {
    const t = from + i * asset.step;
    liq.push({ t, l: asset.longUsd[i] ?? 0, s: asset.shortUsd[i] ?? 0 });
    candles.push({
      t,
      o: asset.open[i] ?? Number.NaN,
      h: asset.high[i] ?? Number.NaN,
      l: asset.low[i] ?? Number.NaN,
      c: asset.close[i] ?? Number.NaN,
      v: asset.volume[i] ?? Number.NaN,
    });
  }
  await db.put('markets', market);
  await writeLiqRange(db, market.symbol, '1hour', from, to, liq);
  await writeCandles(db, market.symbol, '1hour', from, to, candles);
  const result: DemoLoad = { loaded: true, bars: n, firstTime: from, lastTime: to - asset.step };
  await writeKv(db, 'demo:loaded', result);
  return result;
}
