/**
 * Which market's candles a frame draws. The reference market (settings, or the demo's own) comes first; where it
 * has no candle, an imported aggregate the contract filter selects fills in, so a file imported on its own (no key,
 * no reference candles) still draws its prices. When the filter picks one aggregate alone, its candles come first.
 */
import type { BaseInterval } from '../../core/intervals';
import type { ContractFilter, Market } from '../../core/market';
import type { CandleSeries } from '../../core/series';
import type { CandleChunk, Coverage } from '../../storage/schema';
import { readCandlesWith } from '../../storage/series-repo';

/** Symbols whose candles fill a bar at `interval`, in order of preference. */
export function candleSymbols(
  reference: string,
  filter: ContractFilter,
  markets: readonly Market[],
  coverage: readonly Coverage[],
  interval: BaseInterval,
): string[] {
  const withCandles = new Set(
    coverage.filter((c) => c.kind === 'candle' && c.interval === interval).map((c) => c.symbol),
  );
  const imported = markets
    .filter((m) => m.covers !== undefined && m.symbol !== reference && withCandles.has(m.symbol))
    .map((m) => m.symbol);
  const alone = filter.kind === 'exchange' && imported.length > 0;
  return alone ? [...imported, reference] : [reference, ...imported];
}

/** Candles over [from, to): the first symbol's, with buckets it lacks filled from the next symbols in turn. */
export async function readCandlesFilled(
  get: (key: [string, BaseInterval, number]) => Promise<CandleChunk | undefined>,
  symbols: readonly string[],
  interval: BaseInterval,
  from: number,
  to: number,
): Promise<CandleSeries> {
  const [first = '', ...rest] = symbols;
  const out = await readCandlesWith(get, first, interval, from, to);
  for (const symbol of rest) {
    if (!out.close.some(Number.isNaN)) break;
    const more = await readCandlesWith(get, symbol, interval, from, to);
    for (let i = 0; i < out.close.length; i++) {
      if (!Number.isNaN(out.close[i] ?? Number.NaN) || Number.isNaN(more.close[i] ?? Number.NaN)) continue;
      out.open[i] = more.open[i] ?? Number.NaN;
      out.high[i] = more.high[i] ?? Number.NaN;
      out.low[i] = more.low[i] ?? Number.NaN;
      out.close[i] = more.close[i] ?? Number.NaN;
      out.volume[i] = more.volume[i] ?? Number.NaN;
    }
  }
  return out;
}
