/** Coinalyze contract naming: derive a Market from a symbol, and map other tools' "<pair> - <exchange>" names. */
import type { Margin, Market } from '../market';
import { EXCHANGE_CODES } from './names';

/** Symbol whose candles the chart draws by default; single-contract imports land on it unless mapped. */
export const REFERENCE_SYMBOL = 'BTCUSDT_PERP.A';

/** A Market for `symbol` when only the symbol is known: margin from the quote currency (USD → coin-margined). */
export function marketFromSymbol(symbol: string, margin?: Margin): Market {
  const dot = symbol.lastIndexOf('.');
  const exchange = dot >= 0 ? symbol.slice(dot + 1) : 'CSV';
  const stable = /USD[TC]/.test(symbol);
  return {
    symbol,
    exchange,
    symbolOnExchange: dot >= 0 ? symbol.slice(0, dot) : symbol,
    baseAsset: 'BTC',
    quoteAsset: stable ? (symbol.includes('USDC') ? 'USDC' : 'USDT') : 'USD',
    isPerpetual: !/_\d{6}/.test(symbol),
    expireAt: null,
    margined: margin ?? (stable ? 'STABLE' : 'COIN'),
    denominatedIn: stable ? 'BASE_ASSET' : 'QUOTE_ASSET',
    hasOhlcv: true,
  };
}

/**
 * Coinalyze symbol for a column prefix like "BTC/USDT - Binance" (CryptoVizArt-style exports), or null when the
 * prefix does not name a known pair and exchange.
 */
export function symbolFromLabel(label: string): string | null {
  const m = /^\s*BTC\s*\/\s*(USDT|USDC|USD)\s*-\s*([A-Za-z]+)\s*$/.exec(label);
  if (!m) return null;
  const quote = m[1] ?? 'USD';
  const name = (m[2] ?? '').toLowerCase();
  const code = EXCHANGE_CODES[name];
  if (code === undefined) return null;
  if (name === 'deribit' && quote === 'USD') return 'BTC-PERPETUAL.2';
  if (name === 'bybit') return `BTC${quote}.6`;
  return `BTC${quote}_PERP.${code}`;
}
