import { describe, expect, it } from 'vitest';
import { parseMarkets } from '../../../../src/core/coinalyze';
import { DEFAULT_SETTINGS, withAssetSettings } from '../../../../src/core/settings';
import { liveAssets } from '../../../../src/workers/fetch/live-assets';
import { makeMarkets } from '../../../fakes/coinalyze/data.mjs';

const NOW = 1_767_225_600_000;
const markets = parseMarkets(makeMarkets(NOW / 1000));

describe('the Live assets’ fetch list', () => {
  it('is BTC’s contracts alone by default, with its reference market', () => {
    const plan = liveAssets(DEFAULT_SETTINGS, markets, NOW);
    expect(plan.byAsset).toHaveLength(1);
    expect(plan.contracts).toEqual([...plan.contracts].sort((a, b) => a.localeCompare(b)));
    expect(plan.contracts.every((s) => s.startsWith('BTC'))).toBe(true);
    expect(plan.references).toEqual(['BTCUSDT_PERP.A']);
  });

  it('interleaves the assets, so any cut of the list serves each of them', () => {
    const s = {
      ...DEFAULT_SETTINGS,
      assets: { ...DEFAULT_SETTINGS.assets, live: ['BTC', 'ETH', 'SOL', 'NONE'] },
    };
    const plan = liveAssets(s, markets, NOW);
    expect(plan.byAsset).toHaveLength(3); // an asset without contracts is left out
    const base = (sym: string) => markets.find((m) => m.symbol === sym)?.baseAsset;
    expect(plan.contracts.slice(0, 3).map(base)).toEqual(['BTC', 'ETH', 'SOL']);
    expect(new Set(plan.contracts).size).toBe(plan.byAsset.flat().length);
    expect(plan.references).toEqual(['BTCUSDT_PERP.A', 'ETHUSDT_PERP.A', 'SOLUSDT_PERP.A']);
  });

  it('follows each asset’s own contract choice and leaves out a candle market the list lacks', () => {
    const s = withAssetSettings(
      { ...DEFAULT_SETTINGS, assets: { ...DEFAULT_SETTINGS.assets, live: ['ETH'] } },
      'ETH',
      {
        contracts: { margin: 'COIN', perpetual: true, dated: true, excludedExchanges: [] },
        reference: 'ETHUSDT_PERP.Q',
      },
    );
    const plan = liveAssets(s, markets, NOW);
    const eth = markets.filter((m) => m.baseAsset === 'ETH' && m.margined === 'COIN');
    expect(plan.contracts.sort()).toEqual(eth.map((m) => m.symbol).sort());
    // Not listed: the asset's best market with candles instead.
    expect(plan.references).toEqual(['ETHUSDT_PERP.A']);
  });
});
