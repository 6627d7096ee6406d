import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { marketFromSymbol } from '../../../../../src/core/csv/contracts';
import { sniff } from '../../../../../src/core/csv/detect';
import {
  BTC_TARGET,
  defaultTarget,
  type ImportTarget,
  namedSymbols,
  retargetMapping,
} from '../../../../../src/core/csv/import-target';
import { namedAsset } from '../../../../../src/core/csv/symbol-asset';
import { ALL_CONTRACTS } from '../../../../../src/core/market';
import type { LiqLabDB } from '../../../../../src/storage/schema';
import { writeCandles, writeLiqRange } from '../../../../../src/storage/series-repo';
import { loadFrame } from '../../../../../src/workers/compute/frame-loader';
import { exportBars } from '../../../../../src/workers/fetch/csv/export-bars';
import { freshDb, importInto } from './helpers';

const H = 3600;
/** 2024-08-01T00:00:00Z. */
const T0 = 1_722_470_400;
const HOURS = 24;
const KNOWN = ['BTC', 'ETH', 'SOL'];

/** A CoinGlass-shaped hourly file: ms timestamps, the pair's candles, liquidations in USD naming no contract. */
function coinglassText(price: number): string {
  const rows = Array.from({ length: HOURS }, (_, i) => {
    const p = price + i;
    return `${(T0 + i * H) * 1000},${p},${p + 10},${p - 10},${p + 5},${1000 * (i + 1)},${500 * (i + 1)}`;
  });
  return [
    'time,price_open,price_high,price_low,price_close,liquidation_long_usd,liquidation_short_usd',
    ...rows,
  ].join('\n');
}

/** An hourly file whose columns name Binance's ETHUSDT contract: candles and USD liquidations. */
function ethBinanceText(): string {
  const rows = Array.from({ length: HOURS }, (_, i) => `${T0 + i * H},3000,3010,2990,3005,${1e6 + i},${2e6}`);
  return ['time,open,high,low,close,ETH/USDT - Binance_long,ETH/USDT - Binance_short', ...rows].join('\n');
}

/** What the import dialog does: the asset the file names (else `screen`), the mapping moved onto it. */
function proposal(text: string, name: string, screen: string) {
  const s = sniff(text, name);
  if (!s.mapping) throw new Error(`no mapping for ${name}: ${s.unsure.join('; ')}`);
  const target = defaultTarget(namedAsset(name, namedSymbols(s.mapping), KNOWN) ?? screen);
  return { target, mapping: retargetMapping(s.mapping, BTC_TARGET, target) };
}

const frameOf = (db: IDBPDatabase<LiqLabDB>, target: ImportTarget) =>
  loadFrame(db, {
    source: 'archive',
    asset: target.asset,
    timeframe: '1h',
    filter: ALL_CONTRACTS,
    referenceSymbol: target.reference,
  }).then((r) => r.frame);

/** BTC's own contract with liquidations and candles over the same hours. */
async function seedBtc(db: IDBPDatabase<LiqLabDB>): Promise<void> {
  await db.put('markets', marketFromSymbol('BTCUSDT_PERP.A', 'STABLE'));
  const points = Array.from({ length: HOURS }, (_, i) => ({ t: T0 + i * H, l: 7e5 + i, s: 3e5 + i }));
  await writeLiqRange(db, 'BTCUSDT_PERP.A', '1hour', T0, T0 + HOURS * H, points);
  const candles = points.map((p) => ({ t: p.t, o: 6e4, h: 6.1e4, l: 5.9e4, c: 6e4, v: 1 }));
  await writeCandles(db, 'BTCUSDT_PERP.A', '1hour', T0, T0 + HOURS * H, candles);
}

describe('imports land on the chosen asset', () => {
  it("an ETH liquidation file is ETH's: its aggregate is an ETH market, the ETH chart draws it, BTC's is unchanged", async () => {
    const db = await freshDb();
    await seedBtc(db);
    const btcBefore = await frameOf(db, BTC_TARGET);
    const text = coinglassText(3000);
    const { target, mapping } = proposal(text, 'eth_liquidations.csv', 'BTC');
    expect(target.asset).toBe('ETH');
    const { batch } = await importInto(db, text, { format: 'generic', mapping, target });
    expect(batch.rejectedCount).toBe(0);
    const market = await db.get('markets', 'CSV_AGG_ETH_LIQUIDATIONS');
    expect(market?.baseAsset).toBe('ETH');
    const eth = await frameOf(db, target);
    expect(eth.start).toBe(T0);
    expect(Array.from(eth.liq.long)).toEqual(Array.from({ length: HOURS }, (_, i) => 1000 * (i + 1)));
    expect(Array.from(eth.liq.short)).toEqual(Array.from({ length: HOURS }, (_, i) => 500 * (i + 1)));
    // The file's own prices, not BTC's.
    expect(Array.from(eth.candles.close)).toEqual(Array.from({ length: HOURS }, (_, i) => 3005 + i));
    const btcAfter = await frameOf(db, BTC_TARGET);
    expect(Array.from(btcAfter.liq.long)).toEqual(Array.from(btcBefore.liq.long));
    expect(Array.from(btcAfter.liq.short)).toEqual(Array.from(btcBefore.liq.short));
    expect(Array.from(btcAfter.candles.close)).toEqual(Array.from(btcBefore.candles.close));
    db.close();
  });

  it('the asset chosen instead of the one the file names gets its aggregate', async () => {
    const db = await freshDb();
    const text = coinglassText(150);
    const { target: named, mapping } = proposal(text, 'eth_liquidations.csv', 'BTC');
    const sol = { asset: 'SOL', reference: 'SOLUSDT_PERP.A' };
    const moved = retargetMapping(mapping, named, sol);
    await importInto(db, text, { format: 'generic', mapping: moved, target: sol });
    expect((await db.get('markets', 'CSV_AGG_ETH_LIQUIDATIONS'))?.baseAsset).toBe('SOL');
    expect((await frameOf(db, sol)).liq.long[0]).toBe(1000);
    expect((await frameOf(db, named)).liq.long).toHaveLength(0);
    db.close();
  });

  it("a file whose columns name ETH contracts stores its candles on ETH's reference market", async () => {
    const db = await freshDb();
    const text = ethBinanceText();
    const { target, mapping } = proposal(text, 'export.csv', 'BTC');
    expect(target).toEqual({ asset: 'ETH', reference: 'ETHUSDT_PERP.A' });
    expect(mapping.pairs.map((p) => p.symbol)).toEqual(['ETHUSDT_PERP.A']);
    const { batch } = await importInto(db, text, { format: 'generic', mapping, target });
    expect(batch.rejectedCount).toBe(0);
    expect([...batch.series.values()].map((s) => `${s.kind} ${s.symbol}`).sort()).toEqual([
      'candle ETHUSDT_PERP.A',
      'liq ETHUSDT_PERP.A',
    ]);
    expect((await db.get('markets', 'ETHUSDT_PERP.A'))?.baseAsset).toBe('ETH');
    const eth = await frameOf(db, target);
    expect(eth.candles.close[0]).toBe(3005);
    expect(eth.liq.long[HOURS - 1]).toBe(1e6 + HOURS - 1);
    db.close();
  });

  it("a file naming a fetched contract keeps the contract's stored market record", async () => {
    const db = await freshDb();
    // As Coinalyze's future-markets lists it: the exchange's own symbol, not the guess from the Coinalyze symbol.
    const fetched = {
      ...marketFromSymbol('ETHUSDT_PERP.A', undefined, 'ETH'),
      symbolOnExchange: 'ETHUSDT',
      quoteAsset: 'USDT',
    };
    await db.put('markets', fetched);
    const text = ethBinanceText();
    const { target, mapping } = proposal(text, 'export.csv', 'BTC');
    const { batch } = await importInto(db, text, { format: 'generic', mapping, target });
    expect(batch.rejectedCount).toBe(0);
    // The guess differs (symbolOnExchange 'ETHUSDT_PERP'), so this fails if the import writes it over the record.
    expect(batch.markets.get('ETHUSDT_PERP.A')?.symbolOnExchange).toBe('ETHUSDT_PERP');
    expect(await db.get('markets', 'ETHUSDT_PERP.A')).toEqual(fetched);
    // The data itself is imported.
    expect((await frameOf(db, target)).liq.long[HOURS - 1]).toBe(1e6 + HOURS - 1);
    db.close();
  });

  it("coin amounts of an ETH file are converted with ETH's candles, never BTC's", async () => {
    const db = await freshDb();
    await seedBtc(db);
    const text = [
      'time,long_eth,short_eth',
      ...Array.from({ length: 4 }, (_, i) => `${T0 + i * H},2,1`),
    ].join('\n');
    const { target, mapping } = proposal(text, 'eth_liq_coins.csv', 'BTC');
    expect(mapping.amountUnit).toBe('coin');
    // No ETH candles stored: every line is refused, naming ETH, instead of being priced at BTC's 60,000.
    const none = await importInto(db, text, { format: 'generic', mapping, target }, false);
    expect(none.batch.rejectedCount).toBe(4);
    expect(none.batch.rejected[0]?.reason).toMatch(
      /^no stored 1hour candle at .* to convert ETH liquidations/,
    );
    await db.put('markets', marketFromSymbol('ETHUSDT_PERP.A', 'STABLE'));
    const candles = Array.from({ length: 4 }, (_, i) => ({
      t: T0 + i * H,
      o: 3e3,
      h: 3.1e3,
      l: 2.9e3,
      c: 3e3,
      v: 1,
    }));
    await writeCandles(db, 'ETHUSDT_PERP.A', '1hour', T0, T0 + 4 * H, candles);
    const { batch } = await importInto(db, text, { format: 'generic', mapping, target });
    expect(batch.rejectedCount).toBe(0);
    const eth = await frameOf(db, target);
    expect(Array.from(eth.liq.long)).toEqual([6000, 6000, 6000, 6000]);
    expect(Array.from(eth.liq.short)).toEqual([3000, 3000, 3000, 3000]);
    db.close();
  });

  it("a bars file of ETH imports back as ETH's bars contracts and candles, and the ETH chart shows the same bars", async () => {
    const a = await freshDb();
    for (const [symbol, margin] of [
      ['ETHUSDT_PERP.A', 'STABLE'],
      ['ETHUSD_PERP.A', 'COIN'],
    ] as const) {
      await a.put('markets', marketFromSymbol(symbol, margin));
      const points = Array.from({ length: HOURS }, (_, i) => ({
        t: T0 + i * H,
        l: 100 * i,
        s: margin === 'COIN' ? 7 : 9,
      }));
      await writeLiqRange(a, symbol, '1hour', T0, T0 + HOURS * H, points);
    }
    const candles = Array.from({ length: HOURS }, (_, i) => ({
      t: T0 + i * H,
      o: 3e3,
      h: 3e3 + i,
      l: 2.9e3,
      c: 3e3 + i / 2,
      v: i,
    }));
    await writeCandles(a, 'ETHUSDT_PERP.A', '1hour', T0, T0 + HOURS * H, candles);
    const eth = defaultTarget('ETH');
    const parts: Uint8Array[] = [];
    const request = {
      kind: 'bars' as const,
      source: 'archive' as const,
      asset: 'ETH',
      timeframe: '1h' as const,
    };
    await exportBars(
      a,
      { ...request, filter: ALL_CONTRACTS, referenceSymbol: eth.reference, from: null, to: null },
      async (b) => {
        parts.push(b);
      },
      () => {},
      async () => {},
    );
    const text = Buffer.concat(parts).toString('utf8');
    const name = 'liqlab-ETH-bars-1h-all.csv';
    expect(sniff(text, name).format).toBe('bars');
    const target = defaultTarget(namedAsset(name, [], KNOWN) ?? 'BTC');
    expect(target).toEqual(eth);
    const b = await freshDb();
    const { batch } = await importInto(b, text, { format: 'bars', target });
    expect(batch.rejectedCount).toBe(0);
    const markets = await b.getAll('markets');
    expect(markets.map((m) => `${m.symbol} ${m.baseAsset}`).sort()).toEqual([
      'CSV_BARS_ETH_COIN.CSV ETH',
      'CSV_BARS_ETH_STABLE.CSV ETH',
    ]);
    const before = await frameOf(a, eth);
    const after = await frameOf(b, eth);
    expect(Array.from(after.liq.long)).toEqual(Array.from(before.liq.long));
    expect(Array.from(after.liq.short)).toEqual(Array.from(before.liq.short));
    expect(Array.from(after.candles.close)).toEqual(Array.from(before.candles.close));
    expect((await frameOf(b, BTC_TARGET)).liq.long).toHaveLength(0);
    // Without a target the same file is BTC's, under the contracts bars files always had.
    const c = await freshDb();
    await importInto(c, text, { format: 'bars' });
    expect((await c.getAll('markets')).map((m) => `${m.symbol} ${m.baseAsset}`).sort()).toEqual([
      'CSV_BARS_COIN.CSV BTC',
      'CSV_BARS_STABLE.CSV BTC',
    ]);
    expect((await c.getAll('coverage')).filter((x) => x.kind === 'candle').map((x) => x.symbol)).toEqual([
      'BTCUSDT_PERP.A',
    ]);
    for (const db of [a, b, c]) db.close();
  });
});
