/**
 * What the leader fetches for the Live assets: each asset's selected contracts and the market its candles come
 * from, as one list for one loop and one budget. The contracts are interleaved across assets (BTC₁, ETH₁, SOL₁,
 * BTC₂, …), so wherever the loop cuts a batch (20 symbols, or the calls left this minute) every asset gets its
 * turn: a new asset's backfill never waits behind another's whole list.
 */
import { pickReference } from '../../core/assets';
import { selectContracts } from '../../core/coinalyze';
import type { Market } from '../../core/market';
import { assetSettings, type Settings } from '../../core/settings';

/** The Live assets' work for the fetch loop. */
export interface LivePlan {
  /** Every Live asset's contracts, interleaved. */
  contracts: string[];
  /** Each Live asset's contracts (for live pacing shared fairly between assets); assets with none left out. */
  byAsset: string[][];
  /** One candle market per Live asset that has one in the market list. */
  references: string[];
}

/** The plan for `settings`' Live assets over the stored market list at `nowMs`. */
export function liveAssets(settings: Settings, markets: readonly Market[], nowMs: number): LivePlan {
  const known = new Set(markets.map((m) => m.symbol));
  const byAsset: string[][] = [];
  const references: string[] = [];
  for (const asset of settings.assets.live) {
    const own = assetSettings(settings, asset);
    const contracts = selectContracts(markets, own.contracts, nowMs, asset).map((m) => m.symbol);
    if (contracts.length === 0) continue;
    byAsset.push(contracts);
    const reference = pickReference(own.reference, asset, markets);
    // A symbol the list lacks would be asked for on every turn and never answered: it stays out.
    if (known.has(reference)) references.push(reference);
  }
  const contracts: string[] = [];
  for (let k = 0; k < Math.max(0, ...byAsset.map((c) => c.length)); k++)
    for (const list of byAsset) {
      const symbol = list[k];
      if (symbol !== undefined) contracts.push(symbol);
    }
  return { contracts, byAsset, references };
}
