/**
 * Names that end up in cells and keys: contract symbols and exchange codes read from files or typed in the
 * mapping form, and the synthetic aggregate an unnamed file's liquidations are stored under.
 */
import type { Market } from '../market';

/** Prefix of every synthetic aggregate's symbol. */
export const AGGREGATE_PREFIX = 'CSV_AGG_';

/**
 * Why `name` cannot be a symbol or exchange code, or null when it can. A spreadsheet evaluates a cell starting
 * with `= + - @` (or a tab / CR) as a formula, and a comma, quote or line break would need quoting in every
 * file that names it, so none of them is allowed anywhere a symbol is stored.
 */
export function nameProblem(name: string): string | null {
  if (name === '') return 'is empty';
  if (/^[=+\-@\t\r]/.test(name))
    return `"${name}" starts with ${JSON.stringify(name[0])} (a spreadsheet formula)`;
  if (/[,"'\r\n]/.test(name)) return `"${name}" contains a comma, quote or line break`;
  if (name.length > 64) return `"${name.slice(0, 20)}…" is longer than 64 characters`;
  return null;
}

/**
 * `CSV_AGG_` plus the file's name without its extension, upper-cased, runs of other characters as `_`, cut to
 * whole words of at most 48 characters.
 */
export function aggregateSymbol(fileName: string): string {
  const stem = fileName.replace(/\.[a-z0-9]{1,4}$/i, '');
  const full = stem
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const cut = full.length <= 48 ? full : full.slice(0, 49).replace(/_?[A-Z0-9]*$/, '');
  return AGGREGATE_PREFIX + (cut || 'FILE');
}

/** Coinalyze exchange codes by the names other tools print (also what the aggregate's "covers" lists offer). */
export const EXCHANGE_CODES: Readonly<Record<string, string>> = {
  bitmex: '0',
  deribit: '2',
  okx: '3',
  okex: '3',
  huobi: '4',
  htx: '4',
  bybit: '6',
  binance: 'A',
  bitfinex: 'F',
};

/** One entry per exchange code, with the name shown in the mapping form. */
export const COVERABLE_EXCHANGES: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'A', name: 'Binance' },
  { code: '6', name: 'Bybit' },
  { code: '3', name: 'OKX' },
  { code: '0', name: 'BitMEX' },
  { code: '2', name: 'Deribit' },
  { code: '4', name: 'Huobi' },
  { code: 'F', name: 'Bitfinex' },
];

/** Exchange codes a file name mentions (`binance_bybit_okx_btc.csv` → A, 6, 3), in COVERABLE_EXCHANGES order. */
export function exchangesInName(fileName: string): string[] {
  const words = new Set(fileName.toLowerCase().split(/[^a-z]+/));
  const codes = new Set(Object.entries(EXCHANGE_CODES).flatMap(([n, c]) => (words.has(n) ? [c] : [])));
  return COVERABLE_EXCHANGES.map((e) => e.code).filter((c) => codes.has(c));
}

/**
 * The market record of a synthetic aggregate of `asset`'s contracts: its own exchange code (its symbol, so the
 * Contracts selector offers it alone and it never mixes into a real exchange's sum), margin MIXED, and the
 * exchanges it covers.
 */
export function aggregateMarket(symbol: string, covers: readonly string[], asset: string): Market {
  return {
    symbol,
    exchange: symbol,
    symbolOnExchange: symbol,
    baseAsset: asset,
    quoteAsset: 'USD',
    isPerpetual: true,
    expireAt: null,
    margined: 'MIXED',
    covers: [...covers],
    denominatedIn: 'QUOTE_ASSET',
    hasOhlcv: true,
  };
}

/** True for a synthetic aggregate's market. */
export function isAggregate(m: Pick<Market, 'covers'> | undefined): boolean {
  return m?.covers !== undefined;
}
