import { describe, expect, it } from 'vitest';
import { isAssetName, listAssets, pickReference } from '../../../src/core/assets';
import { parseMarkets } from '../../../src/core/coinalyze';
import { assetsCost, LIVE_CALLS_PER_MIN } from '../../../src/core/live-cost';
import type { Market } from '../../../src/core/market';
import { makeMarkets } from '../../fakes/coinalyze/data.mjs';

const NOW = 1_767_225_600_000; // 2026-01-01
const markets: Market[] = parseMarkets(makeMarkets(NOW / 1000));

function m(symbol: string, baseAsset: string, patch: Partial<Market> = {}): Market {
  return {
    symbol,
    exchange: symbol.slice(symbol.indexOf('.') + 1),
    symbolOnExchange: symbol,
    baseAsset,
    quoteAsset: 'USDT',
    isPerpetual: true,
    expireAt: null,
    margined: 'STABLE',
    denominatedIn: 'BASE_ASSET',
    hasOhlcv: true,
    ...patch,
  };
}

describe('assets', () => {
  it('lists every asset with fetchable contracts, BTC, ETH and SOL first, then by contract count', () => {
    const list = listAssets(
      [
        ...markets,
        m('DOGEUSDT_PERP.A', 'DOGE'),
        m('DOGEUSDT_PERP.6', 'DOGE'),
        m('ARBUSDT_PERP.A', 'ARB'),
        m('XEUR_PERP.A', 'XEUR', { quoteAsset: 'EUR' }), // no USD-like quote: nothing to fetch
        m('OLD-1.A', 'OLD', { isPerpetual: false, expireAt: NOW - 1 }), // expired
      ],
      NOW,
    );
    expect(list.map((e) => e.asset)).toEqual(['BTC', 'ETH', 'SOL', 'DOGE', 'ARB']);
    // The fake's BTC list: 40 default contracts (the expired future and the EUR one drop out).
    expect(list[0]).toEqual({ asset: 'BTC', contracts: 40 });
    expect(list.find((e) => e.asset === 'ETH')?.contracts).toBeGreaterThanOrEqual(4);
  });

  it('accepts Coinalyze base-asset names and nothing that could break a key or a link', () => {
    for (const a of ['BTC', '1000PEPE', 'kPEPE']) expect(isAssetName(a)).toBe(true);
    for (const a of ['', 'BTC/USD', 'B TC', 'BTC:1', 'x'.repeat(25)]) expect(isAssetName(a)).toBe(false);
  });

  it('picks the candle market: the chosen one when listed with candles, else the asset’s best', () => {
    expect(pickReference('BTCUSDT_PERP.A', 'BTC', markets)).toBe('BTCUSDT_PERP.A');
    expect(pickReference('ETHUSDT_PERP.A', 'ETH', markets)).toBe('ETHUSDT_PERP.A');
    const noBinance = [m('XYZUSD_PERP.6', 'XYZ', { margined: 'COIN' }), m('XYZUSDT_PERP.6', 'XYZ')];
    expect(pickReference('XYZUSDT_PERP.A', 'XYZ', noBinance)).toBe('XYZUSDT_PERP.6');
    expect(pickReference('XYZUSDT_PERP.A', 'XYZ', [m('XYZUSDT_PERP.A', 'XYZ', { hasOhlcv: false })])).toBe(
      'XYZUSDT_PERP.A',
    );
  });
});

describe('what keeping assets Live costs', () => {
  it('sums each asset’s refresh (its contracts plus its candle market) and shares the live budget fairly', () => {
    const one = assetsCost([12], 5);
    expect(one.calls).toBe((12 + 1) * 5);
    const two = assetsCost([12, 5], 5);
    expect(two.contracts).toBe(17);
    expect(two.calls).toBe((12 + 1) * 5 + (5 + 1) * 5);
    expect(two.requests).toBe(5 + 5 + 5 + 5);
    expect(two.totalCalls).toBeGreaterThan(two.calls);
    expect(two.contextPerMin).toBeGreaterThan(one.contextPerMin);
    // 12 BTC contracts on 24 calls/min: one a minute each; with ETH Live each asset gets 12 calls/min.
    expect(one.refreshEverySec).toEqual([60]);
    expect(two.refreshEverySec).toEqual([(60 * 12 * 2) / LIVE_CALLS_PER_MIN, 60]);
    expect(assetsCost([0, 5], 5).calls).toBe((5 + 1) * 5);
  });
});
