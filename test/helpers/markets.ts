import type { Market } from '../../src/core/market';

/**
 * A BTC futures market for tests: a perpetual, stablecoin-margined (quoted in USDT) unless `margined` is COIN
 * (quoted in USD), with candles; `overrides` change any other field.
 */
export function testMarket(
  symbol: string,
  exchange: string,
  margined: 'COIN' | 'STABLE' = 'STABLE',
  overrides: Partial<Market> = {},
): Market {
  return {
    symbol,
    exchange,
    symbolOnExchange: symbol,
    baseAsset: 'BTC',
    quoteAsset: margined === 'COIN' ? 'USD' : 'USDT',
    isPerpetual: true,
    expireAt: null,
    margined,
    denominatedIn: margined === 'COIN' ? 'QUOTE_ASSET' : 'BASE_ASSET',
    hasOhlcv: true,
    ...overrides,
  };
}
