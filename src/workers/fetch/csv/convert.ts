/** BTC → USD for liquidations given in coins, with the stored candles' mid price (high + low) / 2 per bucket. */
import type { IDBPDatabase } from 'idb';
import type { ImportBatch, SeriesBatch } from '../../../core/csv/batch';
import { REFERENCE_SYMBOL } from '../../../core/csv/contracts';
import type { LiqLabDB } from '../../../storage/schema';
import { readCandles } from '../../../storage/series-repo';

async function priceSeries(db: IDBPDatabase<LiqLabDB>, batch: ImportBatch, s: SeriesBatch) {
  const from = s.t[0] ?? 0;
  const to = (s.t[s.n - 1] ?? 0) + s.step;
  const inFile = [...batch.series.values()].find((c) => c.kind === 'candle' && c.interval === s.interval);
  if (inFile) {
    const prices = new Map<number, number>();
    for (let i = 0; i < inFile.n; i++)
      prices.set(inFile.t[i] ?? 0, mid(inFile.cols[1]?.[i], inFile.cols[2]?.[i], inFile.cols[3]?.[i]));
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
    return mid(c.high[i], c.low[i], c.close[i]);
  };
}

function mid(high: number | undefined, low: number | undefined, close: number | undefined): number {
  const h = high ?? Number.NaN;
  const l = low ?? Number.NaN;
  return Number.isNaN(h) || Number.isNaN(l) ? (close ?? Number.NaN) : (h + l) / 2;
}

/** Converts every coin-denominated liq series in place; points without a price are rejected by line. */
export async function convertCoins(db: IDBPDatabase<LiqLabDB>, batch: ImportBatch): Promise<void> {
  for (const s of batch.series.values()) {
    if (s.kind !== 'liq' || s.unit !== 'coin' || s.n === 0) continue;
    const price = await priceSeries(db, batch, s);
    const long = s.cols[0] ?? new Float64Array(0);
    const short = s.cols[1] ?? new Float64Array(0);
    s.filter((i) => {
      const t = s.t[i] ?? 0;
      const p = price ? price(t) : Number.NaN;
      if (!(p > 0)) {
        batch.reject(
          s.lines[i] ?? 0,
          `no stored ${s.interval} candle at ${new Date(t * 1000).toISOString()} to convert BTC to USD (import candles first)`,
        );
        return false;
      }
      long[i] = (long[i] ?? 0) * p;
      short[i] = (short[i] ?? 0) * p;
      return true;
    });
    s.unit = 'usd';
    s.ranges = [];
    s.cover();
  }
}
