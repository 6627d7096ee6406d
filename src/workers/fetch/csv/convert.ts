/**
 * BTC → USD for liquidations given in coins, with the candles' mid price (high + low) / 2 per bucket (they happen
 * across the bucket), and for open interest given in coins, with the candle's close (a level at the bucket's end).
 */
import type { IDBPDatabase } from 'idb';
import type { ImportBatch, SeriesBatch } from '../../../core/csv/batch';
import { REFERENCE_SYMBOL } from '../../../core/csv/contracts';
import type { LiqLabDB } from '../../../storage/schema';
import { readCandles } from '../../../storage/series-repo';

/** A bucket's price from its candle's high, low and close. */
type PriceOf = (high: number | undefined, low: number | undefined, close: number | undefined) => number;

async function priceSeries(db: IDBPDatabase<LiqLabDB>, batch: ImportBatch, s: SeriesBatch, price: PriceOf) {
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
  const symbol =
    stored.find((c) => c.symbol === s.symbol)?.symbol ??
    stored.find((c) => c.symbol === REFERENCE_SYMBOL)?.symbol ??
    stored[0]?.symbol;
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

/** Converts every coin-denominated liquidation and open interest series in place; points without a price are rejected by line. */
export async function convertCoins(db: IDBPDatabase<LiqLabDB>, batch: ImportBatch): Promise<void> {
  for (const s of batch.series.values()) {
    if ((s.kind !== 'liq' && s.kind !== 'oi') || s.unit !== 'coin' || s.n === 0) continue;
    const oi = s.kind === 'oi';
    const price = await priceSeries(db, batch, s, oi ? closeOf : mid);
    const what = oi ? 'open interest' : 'liquidations';
    s.filter((i) => {
      const t = s.t[i] ?? 0;
      const p = price ? price(t) : Number.NaN;
      if (!(p > 0)) {
        batch.reject(
          s.lines[i] ?? 0,
          `no stored ${s.interval} candle at ${new Date(t * 1000).toISOString()} to convert BTC ${what} to USD (import candles first)`,
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
