/** How a contract is margined, as `/future-markets` reports it. */
export type Margin = 'COIN' | 'STABLE';

/** One futures contract from Coinalyze `/future-markets`, in our naming. */
export interface Market {
  /** Coinalyze symbol, e.g. `BTCUSDT_PERP.A`. */
  symbol: string;
  /** Coinalyze exchange code, e.g. `A` for Binance. */
  exchange: string;
  symbolOnExchange: string;
  baseAsset: string;
  quoteAsset: string;
  isPerpetual: boolean;
  /** Expiry in milliseconds (as the API sends it); null for perpetuals. */
  expireAt: number | null;
  /** How the contract is margined; `MIXED` only for a synthetic aggregate that sums contracts of both kinds. */
  margined: Margin | 'MIXED';
  /**
   * Set only on a synthetic aggregate (an imported file's sum over several exchanges): the Coinalyze exchange codes
   * it covers, as the user stated them in the import mapping (may be empty when unknown).
   */
  covers?: string[];
  /** Unit of liquidations when `convert_to_usd=false`. */
  denominatedIn: 'BASE_ASSET' | 'QUOTE_ASSET';
  hasOhlcv: boolean;
}

/** Which contracts an aggregate sums over. */
export type ContractFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'margin'; readonly margin: Margin }
  | { readonly kind: 'exchange'; readonly exchange: string };

/** The filter that keeps every contract. */
export const ALL_CONTRACTS: ContractFilter = { kind: 'all' };

/** True when `market` passes `filter`. */
export function matchesFilter(
  market: Pick<Market, 'margined' | 'exchange'>,
  filter: ContractFilter,
): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'margin':
      return market.margined === filter.margin;
    case 'exchange':
      return market.exchange === filter.exchange;
  }
}

/** The markets of base asset `asset` that pass `filter`. */
export function marketsOf<M extends Pick<Market, 'baseAsset' | 'margined' | 'exchange'>>(
  markets: readonly M[],
  asset: string,
  filter: ContractFilter,
): M[] {
  return markets.filter((m) => m.baseAsset === asset && matchesFilter(m, filter));
}

/** Stable text key for a filter, for caches and URLs. */
export function filterKey(filter: ContractFilter): string {
  switch (filter.kind) {
    case 'all':
      return 'all';
    case 'margin':
      return `margin:${filter.margin}`;
    case 'exchange':
      return `exchange:${filter.exchange}`;
  }
}

/** The filter a `filterKey` stands for, or null when the text is not one (old settings, a hand-edited URL). */
export function parseFilterKey(key: string): ContractFilter | null {
  if (key === 'all') return ALL_CONTRACTS;
  const [kind, value] = key.split(':', 2);
  if (kind === 'margin' && (value === 'COIN' || value === 'STABLE')) return { kind: 'margin', margin: value };
  if (kind === 'exchange' && value && /^[A-Za-z0-9]{1,8}$/.test(value))
    return { kind: 'exchange', exchange: value };
  return null;
}
