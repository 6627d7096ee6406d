/** Coinalyze contract naming: derive a Market from a symbol, and map other tools' "<pair> - <exchange>" names. */
import { DEFAULT_ASSET } from '../assets';
import type { Margin, Market } from '../market';
import { EXCHANGE_CODES } from './names';
import { assetOfSymbol } from './symbol-asset';

/** BTC's reference market (its default in settings): where a BTC import's candles land unless mapped. */
export const REFERENCE_SYMBOL = 'BTCUSDT_PERP.A';

/**
 * A Market for `symbol` when only the symbol is known: the base asset from the symbol (`ETHUSDT_PERP.A` → ETH), or
 * `asset` when it names none (a symbol typed without an exchange code); margin from the quote currency (USD →
 * coin-margined).
 */
export function marketFromSymbol(symbol: string, margin?: Margin, asset: string = DEFAULT_ASSET): Market {
  const dot = symbol.lastIndexOf('.');
  const exchange = dot >= 0 ? symbol.slice(dot + 1) : 'CSV';
  const stable = /USD[TC]/.test(symbol);
  return {
    symbol,
    exchange,
    symbolOnExchange: dot >= 0 ? symbol.slice(0, dot) : symbol,
    baseAsset: assetOfSymbol(symbol) ?? asset,
    quoteAsset: stable ? (symbol.includes('USDC') ? 'USDC' : 'USDT') : 'USD',
    isPerpetual: !/_\d{6}/.test(symbol),
    expireAt: null,
    margined: margin ?? (stable ? 'STABLE' : 'COIN'),
    denominatedIn: stable ? 'BASE_ASSET' : 'QUOTE_ASSET',
    hasOhlcv: true,
  };
}

/**
 * Coinalyze symbol for a column prefix like "BTC/USDT - Binance" or "ETH/USD - Deribit" (CryptoVizArt-style
 * exports), or null when the prefix does not name a pair and a known exchange.
 */
export function symbolFromLabel(label: string): string | null {
  const m = /^\s*([A-Za-z0-9]{1,24})\s*\/\s*(USDT|USDC|USD)\s*-\s*([A-Za-z]+)\s*$/i.exec(label);
  if (!m) return null;
  const upper = (m[1] ?? '').toUpperCase();
  const base = upper === 'XBT' ? 'BTC' : upper;
  const quote = (m[2] ?? 'USD').toUpperCase();
  const name = (m[3] ?? '').toLowerCase();
  const code = EXCHANGE_CODES[name];
  if (code === undefined) return null;
  if (name === 'deribit' && quote === 'USD') return `${base}-PERPETUAL.2`;
  if (name === 'bybit') return `${base}${quote}.6`;
  return `${base}${quote}_PERP.${code}`;
}
