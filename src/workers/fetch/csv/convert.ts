/**
 * Coins → USD for liquidations given in coins (BTC, ETH, …), with the candles' mid price (high + low) / 2 per bucket
 * (they happen across the bucket), and for open interest given in coins, with the candle's close (a level at the
 * bucket's end). The candles are the file's own, else stored ones of the same asset: never another asset's prices.
 */
import type { IDBPDatabase } from 'idb';
import type { ImportBatch, SeriesBatch } from '../../../core/csv/batch';
import { BTC_TARGET, type ImportTarget } from '../../../core/csv/import-target';
import { assetOfSymbol } from '../../../core/csv/symbol-asset';
import type { LiqLabDB } from '../../../storage/schema';
import { readCandles } from '../../../storage/series-repo';

/** A bucket's price from its candle's high, low and close. */
type PriceOf = (high: number | undefined, low: number | undefined, close: number | undefined) => number;

/** The base asset of `symbol`: the batch's or the stored market record's, else what its name says. */
type AssetOf = (symbol: string) => string | null;

async function priceSeries(
  db: IDBPDatabase<LiqLabDB>,
  batch: ImportBatch,
  s: SeriesBatch,
  price: PriceOf,
  target: ImportTarget,
  assetOf: AssetOf,
) {
  const from = s.t[0] ?? 0;
  const to = (s.t[s.n - 1] ?? 0) + s.step;
  const inFile = [...batch.series.values()].find((c) => c.kind === 'candle' && c.interval === s.interval);
  if (inFile) {
    const prices = new Map<number, number>();
    for (let i = 0; i < inFile.n; i++)
      prices.set(inFile.t[i] ?? 0, price(inFile.cols[1]?.[i], inFile.cols[2]?.[i], inFile.cols[3]?.[i]));
    return (t: number) => prices.get(t) ?? Number.NaN;
  }
  const stored = (await db.getAll('coverage')).filter(
    (c) => c.kind === 'candle' && c.interval === s.interval,
  );
  const asset = assetOf(s.symbol) ?? target.asset;
  const reference = asset === target.asset ? target.reference : null;
  const symbol =
    stored.find((c) => c.symbol === s.symbol)?.symbol ??
    stored.find((c) => c.symbol === reference)?.symbol ??
    stored.find((c) => assetOf(c.symbol) === asset)?.symbol;
  if (!symbol) return null;
  const c = await readCandles(db, symbol, s.interval, from, to);
  return (t: number) => {
    const i = (t - c.start) / c.step;
    return price(c.high[i], c.low[i], c.close[i]);
  };
}

const closeOf: PriceOf = (_high, _low, close) => close ?? Number.NaN;

function mid(high: number | undefined, low: number | undefined, close: number | undefined): number {
  const h = high ?? Number.NaN;
  const l = low ?? Number.NaN;
  return Number.isNaN(h) || Number.isNaN(l) ? (close ?? Number.NaN) : (h + l) / 2;
}

/**
 * Converts every coin-denominated liquidation and open interest series in place, with prices of the series' own
 * asset (`target` for aggregates); points without a price are rejected by line.
 */
export async function convertCoins(
  db: IDBPDatabase<LiqLabDB>,
  batch: ImportBatch,
  target: ImportTarget = BTC_TARGET,
): Promise<void> {
  const coins = [...batch.series.values()].filter(
    (s) => (s.kind === 'liq' || s.kind === 'oi') && s.unit === 'coin' && s.n > 0,
  );
  if (coins.length === 0) return;
  const stored = new Map((await db.getAll('markets')).map((m) => [m.symbol, m.baseAsset]));
  const assetOf: AssetOf = (symbol) => {
    const imported = batch.markets.get(symbol)?.baseAsset;
    // A stored record names the asset better than one guessed from the symbol (and applyBatch keeps it).
    const first = batch.guessedMarkets.has(symbol) ? stored.get(symbol) : imported;
    return first ?? imported ?? stored.get(symbol) ?? assetOfSymbol(symbol);
  };
  for (const s of coins) {
    const oi = s.kind === 'oi';
    const price = await priceSeries(db, batch, s, oi ? closeOf : mid, target, assetOf);
    const coin = assetOf(s.symbol) ?? target.asset;
    const what = oi ? 'open interest' : 'liquidations';
    s.filter((i) => {
      const t = s.t[i] ?? 0;
      const p = price ? price(t) : Number.NaN;
      if (!(p > 0)) {
        batch.reject(
          s.lines[i] ?? 0,
          `no stored ${s.interval} candle at ${new Date(t * 1000).toISOString()} to convert ${coin} ${what} to USD (import candles first)`,
        );
        return false;
      }
      for (const col of s.cols) col[i] = (col[i] ?? 0) * p;
      return true;
    });
    s.unit = 'usd';
    s.ranges = [];
    s.cover();
  }
}
