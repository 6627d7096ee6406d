/**
 * Base assets (BTC, ETH, SOL, …): which ones the market list offers, in the picker's order, and what each keeps
 * for itself (which contracts are fetched, whose candles are drawn, its alert rules). Liquidation sizes differ by
 * asset, so alert thresholds are per asset too.
 */
import { DEFAULT_ALERT_RULES, type SpikeRule, type TouchRule } from './alerts/config';
import { type ContractSelection, DEFAULT_SELECTION, isFetchable } from './coinalyze';
import type { Market } from './market';

/** The asset the app opens on, and the one existing data belongs to. */
export const DEFAULT_ASSET = 'BTC';
/** Listed first in the picker, in this order, when the market list has them. */
export const FIRST_ASSETS: readonly string[] = ['BTC', 'ETH', 'SOL'];

/** True for a base-asset name as Coinalyze spells them (`BTC`, `1000PEPE`, `kPEPE`): no separators, no spaces. */
export function isAssetName(name: string): boolean {
  return /^[A-Za-z0-9]{1,24}$/.test(name);
}

/** One entry of the picker: an asset and how many contracts the default selection would fetch for it. */
export interface AssetEntry {
  asset: string;
  contracts: number;
}

/**
 * Every asset with fetchable futures contracts in `markets`: BTC, ETH and SOL first, then by how many contracts
 * they have (the most traded assets are listed on the most exchanges), then by name.
 */
export function listAssets(markets: readonly Market[], nowMs: number): AssetEntry[] {
  const counts = new Map<string, number>();
  for (const m of markets)
    if (isAssetName(m.baseAsset) && isFetchable(m, nowMs))
      counts.set(m.baseAsset, (counts.get(m.baseAsset) ?? 0) + 1);
  const rank = (a: string) => {
    const k = FIRST_ASSETS.indexOf(a);
    return k < 0 ? FIRST_ASSETS.length : k;
  };
  return [...counts]
    .map(([asset, contracts]) => ({ asset, contracts }))
    .sort(
      (a, b) => rank(a.asset) - rank(b.asset) || b.contracts - a.contracts || a.asset.localeCompare(b.asset),
    );
}

/** What one asset keeps for itself in settings (`settings.assets.byAsset[asset]`). */
export interface AssetSettings {
  /** Which of its contracts are fetched. */
  contracts: ContractSelection;
  /** Market whose candles are fetched and drawn (see `pickReference` when it has none). */
  reference: string;
  /** Spike alert rule on this asset's liquidations. */
  spikes: SpikeRule;
  /** Level-touch alert rule on this asset's levels. */
  touches: TouchRule;
}

/** Default spike size for an alert: BTC's $5M; other assets' liquidations run about an order smaller. */
const MIN_SPIKE_USD: Readonly<Record<string, number>> = { BTC: 5_000_000, ETH: 2_000_000 };

/** Settings of an asset nobody has configured yet: its Binance USDT perpetual's candles, every contract. */
export function defaultAssetSettings(asset: string): AssetSettings {
  return {
    contracts: DEFAULT_SELECTION,
    reference: `${asset}USDT_PERP.A`,
    spikes: { ...DEFAULT_ALERT_RULES.spikes, minUsd: MIN_SPIKE_USD[asset] ?? 500_000 },
    touches: DEFAULT_ALERT_RULES.touches,
  };
}

/**
 * The market whose candles are fetched for `asset`: the chosen one when the market list has it with candles,
 * else the asset's market with candles that ranks first (perpetuals, Binance, STABLE-margined), else the chosen
 * one as it is (the market list has not arrived yet).
 */
export function pickReference(chosen: string, asset: string, markets: readonly Market[]): string {
  const own = markets.filter((m) => m.baseAsset === asset && m.hasOhlcv);
  if (own.some((m) => m.symbol === chosen)) return chosen;
  const score = (m: Market) =>
    (m.isPerpetual ? 0 : 4) + (m.exchange === 'A' ? 0 : 2) + (m.margined === 'STABLE' ? 0 : 1);
  const best = [...own].sort((a, b) => score(a) - score(b) || a.symbol.localeCompare(b.symbol))[0];
  return best?.symbol ?? chosen;
}
