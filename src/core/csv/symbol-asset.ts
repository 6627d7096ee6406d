/**
 * The base asset a name stands for: a Coinalyze contract symbol (`ETHUSDT_PERP.A`, `BTC-PERPETUAL.2`, `pf_xbtusd.K`)
 * or a word of a file name (`eth`, `solusdt`). Coinalyze spells symbols differently per exchange
 * (docs/coinalyze-api.md §4.2), so the base is read from the part before the first separator, less its quote.
 */
import { FIRST_ASSETS, isAssetName } from '../assets';

/** Quote currencies (and Bybit's `PERP` for USDC) a pair name may end with; longer ones first where they overlap. */
const QUOTES = ['FDUSD', 'BUSD', 'USDT', 'USDC', 'EURT', 'EUR', 'USD', 'PERP'];
/** `BNBUSD` is BNB quoted in USD, not BN in BUSD: BUSD is taken as the quote only after a base of 3 or more. */
const MIN_BASE: Readonly<Record<string, number>> = { BUSD: 3 };
/** Names exchanges use for an asset Coinalyze lists under another (BitMEX's and Kraken's XBT is BTC). */
const ALIASES: Readonly<Record<string, string>> = { XBT: 'BTC' };
/** A dated contract's month code and year at the end of a pair name (`BTCUSDH24`, `XBTZ23`). */
const MONTH_CODE = /[FGHJKMNQUVXZ]\d{2}$/;
/** BitMEX quotes BTC in ETH (`BTCETH_PERP.0`): a crypto quote after a major base. */
const CRYPTO_PAIR = /^(BTC|XBT|ETH)(BTC|ETH)$/;

/** The base of a pair name without separators (`BTCUSDT` → BTC, `xbtusd` → BTC, `BTCUSDH24` → BTC), or null. */
export function baseOfPair(pair: string): string | null {
  // Kraken writes its symbols in lower case; an asset spelled with a lower-case letter (`kPEPE`) stays as it is.
  let w = /^[a-z0-9]+$/.test(pair) ? pair.toUpperCase() : pair;
  if (w.length > 3 && MONTH_CODE.test(w)) w = w.slice(0, -3);
  if (CRYPTO_PAIR.test(w)) w = w.slice(0, 3);
  const quote = QUOTES.find((q) => w.endsWith(q) && w.length - q.length >= (MIN_BASE[q] ?? 1));
  if (quote) w = w.slice(0, -quote.length);
  w = ALIASES[w] ?? w;
  return isAssetName(w) ? w : null;
}

/**
 * The base asset of a Coinalyze symbol (`<name>.<exchange code>`), or null when `symbol` has no exchange code or
 * is one of LiqLab's synthetic contracts (`CSV_AGG_…`, `CSV_BARS_…`), which name no asset.
 */
export function assetOfSymbol(symbol: string): string | null {
  const dot = symbol.lastIndexOf('.');
  if (dot <= 0 || symbol.startsWith('CSV_')) return null;
  const name = symbol
    .slice(0, dot)
    // WOO X (`PERP_BTC_USDT`) and Kraken (`pf_xbtusd`, `fi_xbtusd_240329`) put the contract type first.
    .replace(/^(PERP_|pf_|pi_|fi_|ff_)/, '')
    // Phemex marks its USDT-settled contracts with a lower-case u (`uBTCUSD`).
    .replace(/^u(?=[A-Z0-9])/, '');
  // `BTC-PERPETUAL`, `BTC_USDT`, `BTC-USD`, `ETH-Q1`: the base before the separator; `BTCUSDT_PERP`: base + quote.
  return baseOfPair(name.split(/[-_/]/)[0] ?? '');
}

/**
 * The asset a file names, among `known` assets (case as `known` spells them): the asset of the first contract its
 * columns name (`symbols`, e.g. `ETHUSDT_PERP.A` from a `ETH/USDT - Binance` column), else a word of its file name
 * (`eth_liquidations.csv`, `liqlab-ETH-bars-1h-all.csv`, `binance_solusdt_1h.csv`), BTC, ETH and SOL before other
 * assets. Null when it names none.
 */
export function namedAsset(
  fileName: string,
  symbols: readonly string[],
  known: readonly string[],
): string | null {
  for (const s of symbols) {
    const a = assetOfSymbol(s);
    if (a) return a;
  }
  const byUpper = new Map(known.map((k) => [k.toUpperCase(), k]));
  const stem = fileName.replace(/\.[a-z0-9]{1,4}$/i, '');
  const hits = stem.split(/[^A-Za-z0-9]+/).flatMap((word) => {
    if (QUOTES.includes(word.toUpperCase())) return [];
    const hit = byUpper.get(word.toUpperCase()) ?? byUpper.get((baseOfPair(word) ?? '').toUpperCase());
    return hit ? [hit] : [];
  });
  return hits.find((h) => FIRST_ASSETS.includes(h)) ?? hits[0] ?? null;
}
