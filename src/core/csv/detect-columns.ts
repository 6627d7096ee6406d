/**
 * Column roles from header names: candles by their common names (`price_open`, `open_price`, `o`, `Open`,
 * `close (USD)`, `priceClose`, …) and long/short liquidation pairs (`liquidation_long_usd`, `BTC/USDT - Binance_long`, `ETH/USDT - Bybit_short`).
 */
import { REFERENCE_SYMBOL, symbolFromLabel } from './contracts';
import type { CandleMapping, LiqPairMapping } from './mapping';

const NOT_AMOUNT = /ratio|pct|percent|share|count|num|trades/i;
const QUOTE_UNITS = new Set(['usd', 'usdt', 'usdc', 'quote']);
const BASE_UNITS = new Set(['btc', 'xbt', 'base', 'coin', 'coins']);
const PRICE_WORDS = new Set(['price', 'px']);
const SIDE = /(^|[^a-z])(longs?|shorts?)([^a-z]|$)/;

/** `priceOpen (USD)` → `price_open (usd)`: camelCase split, lower case. */
export function normaliseName(header: string): string {
  return header
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Words of a name with bracketed units removed: `Open (USD)` → [open]; the unit words are returned apart. */
function words(name: string): { words: string[]; units: string[] } {
  const units: string[] = [];
  const bare = name.replace(/[([]([^)\]]*)[)\]]/g, (_, u: string) => {
    units.push(...u.split(/[^a-z0-9]+/).filter(Boolean));
    return ' ';
  });
  return { words: bare.split(/[^a-z0-9]+/).filter(Boolean), units };
}

/** The candle field a column holds, from its name, or null. Volume in a quote currency is not candle volume. */
export function candleRole(name: string): 'open' | 'high' | 'low' | 'close' | 'volume' | null {
  const { words: w, units } = words(normaliseName(name));
  const all = [...w, ...units];
  const core = w.filter((x) => !QUOTE_UNITS.has(x) && !BASE_UNITS.has(x) && !PRICE_WORDS.has(x));
  if (core.length !== 1) return null;
  const word = core[0];
  if (word === 'open' || word === 'o') return 'open';
  if (word === 'high' || word === 'h') return 'high';
  if (word === 'low' || word === 'l') return 'low';
  if (word === 'close' || word === 'c') return 'close';
  if ((word === 'volume' || word === 'vol' || word === 'v') && !all.some((x) => QUOTE_UNITS.has(x)))
    return 'volume';
  return null;
}

/** Candle columns by name (header) or position (headerless `time, o, h, l, c[, v]`), stored under `symbol`. */
export function detectCandles(
  header: readonly string[],
  hasHeader: boolean,
  timeColumn: number,
  symbol: string = REFERENCE_SYMBOL,
): CandleMapping | null {
  if (hasHeader) {
    const roles = header.map((h, i) => (i === timeColumn ? null : candleRole(h)));
    const find = (r: string) => roles.indexOf(r as (typeof roles)[number]);
    const open = find('open');
    const high = find('high');
    const low = find('low');
    const close = find('close');
    if (open < 0 || high < 0 || low < 0 || close < 0) return null;
    return { symbol, open, high, low, close, volume: find('volume') };
  }
  const width = header.length;
  if (width >= 5 && timeColumn === 0)
    return { symbol, open: 1, high: 2, low: 3, close: 4, volume: width > 5 ? 5 : -1 };
  return null;
}

/**
 * Long/short column pairs. A pair whose label names a contract (`BTC/USDT - Binance`, `ETH/USD - Deribit`) maps to it; any other pair
 * is an unnamed sum and maps to `aggregate` (the first one) or `aggregate_2`, `_3`, … .
 */
export function detectPairs(
  header: readonly string[],
  hasHeader: boolean,
  timeColumn: number,
  isCandles: boolean,
  aggregate: string,
): LiqPairMapping[] {
  if (!hasHeader) {
    // Headerless "time, long, short" (the Coinalyze-Backtester layout): nothing names the contract.
    return header.length === 3 && timeColumn === 0 && !isCandles
      ? [{ label: 'columns 2 and 3', symbol: aggregate, long: 1, short: 2 }]
      : [];
  }
  const names = header.map(normaliseName);
  const shorts = new Map<string, number>();
  const longs: Array<[string, number]> = [];
  names.forEach((n, i) => {
    if (i === timeColumn || NOT_AMOUNT.test(n)) return;
    const m = SIDE.exec(n);
    if (!m) return;
    const key = n.replace(SIDE, '$1{}$3');
    if ((m[2] ?? '').startsWith('long')) longs.push([key, i]);
    else shorts.set(key, i);
  });
  const pairs: LiqPairMapping[] = [];
  let unnamed = 0;
  for (const [key, long] of longs) {
    const short = shorts.get(key);
    if (short === undefined) continue;
    const raw = header[long] ?? '';
    const label = raw.replace(/[\s_-]*(longs?|shorts?)[\s_-]*/i, ' ').trim();
    // A trailing unit or word after the exchange (`ETH/USDT - Binance liq`, `… usd`, `… eth`) is not part of it.
    const named = symbolFromLabel(label) ?? symbolFromLabel(label.replace(/\s*[A-Za-z]+\s*$/, ''));
    const symbol = named ?? (unnamed++ === 0 ? aggregate : `${aggregate}_${unnamed}`);
    pairs.push({ label: label || raw, symbol, long, short });
  }
  return pairs;
}
